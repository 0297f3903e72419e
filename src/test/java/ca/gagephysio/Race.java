package ca.gagephysio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two (or more) requests at the same instant, as two people pressing Save together or one person double-clicking:
 * each runs on its own thread, all waiting at one gate ({@link CountDownLatch}) that opens when every thread is
 * ready, so none starts ahead of the others by the time it takes to start a thread. Never one after the other.
 */
public final class Race {

	/** Long enough for a loaded build machine; a request that takes longer is a hang, and fails the test. */
	private static final long TIMEOUT_SECONDS = 120;

	private Race() {
	}

	/** Runs the contenders together and returns their results in the order given; a thrown exception fails. */
	@SafeVarargs
	public static <T> List<T> run(Callable<T>... contenders) throws Exception {
		CountDownLatch ready = new CountDownLatch(contenders.length);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(contenders.length);
		try {
			List<Future<T>> running = new ArrayList<>();
			for (Callable<T> contender : contenders) {
				running.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return contender.call();
				}));
			}
			if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The contenders never got ready");
			}
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> result : running) {
				results.add(result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
