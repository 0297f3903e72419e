package ca.gagephysio.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Sha256} against FIPS 180-4's example ("abc"), the empty text, and a text outside ASCII read as UTF-8. */
class Sha256Tests {

	@Test
	void givesTheStandardsDigestsInLowerCaseHex() {
		assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void digestsTheUtf8BytesOfTheText() {
		// "é" is C3 A9 in UTF-8; ISO-8859-1 would give the single byte E9 and another digest
		assertThat(Sha256.hex("\u00e9")).isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
	}

}
