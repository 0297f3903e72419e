package ca.gagephysio.inquiry.form;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * The form's token buckets in table {@code inquiry_post_bucket}, through Bucket4j's own "select for update" protocol
 * ({@link AbstractSelectForUpdateBasedProxyManager}: lock the client's row, read the bucket, take a token, write it
 * back, commit; a missing row is inserted empty and the attempt retried). Only the four statements are written here.
 * Why not Bucket4j's {@code PostgreSQLSelectForUpdateBasedProxyManager} as it comes: its insert names the conflict
 * target ({@code on conflict(id) do nothing}), which H2, the site's default database, refuses even in PostgreSQL
 * mode; without the target the statement means the same (the id is the only unique key) and runs on both. The rest
 * is that class's SQL, so the row is locked the same way on PostgreSQL.
 */
class SharedPostBuckets extends AbstractSelectForUpdateBasedProxyManager<String> implements ExpiredEntriesCleaner {

	private final DataSource dataSource;

	private final ExpirationAfterWriteStrategy expiration;

	SharedPostBuckets(DataSource dataSource, ExpirationAfterWriteStrategy expiration) {
		super(ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(expiration));
		this.dataSource = dataSource;
		this.expiration = expiration;
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

	@Override
	protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
		Connection connection;
		try {
			connection = dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw BucketExceptions.from(ex);
		}
		return new SelectForUpdateBasedTransaction() {

			@Override
			public void begin(Optional<Long> timeout) {
				run(() -> connection.setAutoCommit(false));
			}

			@Override
			public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
				try (PreparedStatement select = connection
					.prepareStatement("select state from inquiry_post_bucket where id = ? for update")) {
					applyTimeout(select, timeout);
					select.setString(1, key);
					try (ResultSet row = select.executeQuery()) {
						return row.next() ? LockAndGetResult.locked(row.getBytes(1)) : LockAndGetResult.notLocked();
					}
				}
				catch (SQLException ex) {
					throw BucketExceptions.from(ex);
				}
			}

			@Override
			public boolean tryInsertEmptyData(Optional<Long> timeout) {
				try (PreparedStatement insert = connection
					.prepareStatement("insert into inquiry_post_bucket (id, state) values (?, null) on conflict do nothing")) {
					applyTimeout(insert, timeout);
					insert.setString(1, key);
					return insert.executeUpdate() > 0;
				}
				catch (SQLException ex) {
					throw BucketExceptions.from(ex);
				}
			}

			@Override
			public void update(byte[] data, RemoteBucketState state, Optional<Long> timeout) {
				long nowMillis = System.currentTimeMillis();
				long expiresAt = nowMillis + expiration.calculateTimeToLiveMillis(state, nowMillis * 1_000_000);
				try (PreparedStatement update = connection
					.prepareStatement("update inquiry_post_bucket set state = ?, expires_at = ? where id = ?")) {
					applyTimeout(update, timeout);
					update.setBytes(1, data);
					update.setLong(2, expiresAt);
					update.setString(3, key);
					update.executeUpdate();
				}
				catch (SQLException ex) {
					throw BucketExceptions.from(ex);
				}
			}

			@Override
			public void commit(Optional<Long> timeout) {
				run(connection::commit);
			}

			@Override
			public void rollback() {
				run(connection::rollback);
			}

			@Override
			public void release() {
				run(connection::close);
			}

			private void run(SqlAction action) {
				try {
					action.run();
				}
				catch (SQLException ex) {
					throw BucketExceptions.from(ex);
				}
			}

		};
	}

	@Override
	public void removeProxy(String key) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement delete = connection.prepareStatement("delete from inquiry_post_bucket where id = ?")) {
			delete.setString(1, key);
			delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw BucketExceptions.from(ex);
		}
	}

	/** Deletes up to {@code batchSize} rows whose bucket is full again; returns how many. */
	@Override
	public int removeExpired(int batchSize) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement delete = connection.prepareStatement("""
						delete from inquiry_post_bucket where id in
						(select id from inquiry_post_bucket where expires_at < ? order by expires_at limit ?)""")) {
			delete.setLong(1, System.currentTimeMillis());
			delete.setInt(2, batchSize);
			return delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw BucketExceptions.from(ex);
		}
	}

	private interface SqlAction {

		void run() throws SQLException;

	}

}
