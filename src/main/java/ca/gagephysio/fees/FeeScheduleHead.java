package ca.gagephysio.fees;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row ({@code id = 1}) naming the revision in force. A save locks it first, so of two saves at the same
 * instant the second waits, sees the first's number and is told.
 */
@Entity
@Table(name = "fee_schedule")
class FeeScheduleHead {

	static final short ID = 1;

	@Id
	private Short id;

	private int currentNumber;

	protected FeeScheduleHead() {
	}

	int currentNumber() {
		return currentNumber;
	}

	void moveTo(int number) {
		this.currentNumber = number;
	}

}
