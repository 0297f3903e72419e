package ca.gagephysio.fees;

/**
 * Someone saved the fees since the editor was opened: the save is refused so nothing of theirs is overwritten
 * unseen.
 */
class FeesConflict extends RuntimeException {

	private final int currentNumber;

	FeesConflict(int currentNumber) {
		super("The fees were saved meanwhile, as revision " + currentNumber);
		this.currentNumber = currentNumber;
	}

	int currentNumber() {
		return currentNumber;
	}

}
