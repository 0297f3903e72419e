package ca.gagephysio.article.reading;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.Block;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Document;
import org.commonmark.node.ListBlock;
import org.commonmark.parser.Parser;
import org.commonmark.parser.block.AbstractBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockContinue;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;

/**
 * The Markdown an author types for an "Inquire About Cost &amp; Availability" box, without any HTML:
 *
 * <pre>
 * ::: inquire Want Help Deciding if Physiotherapy is Right For You?
 * So that we can meet your specific needs, please fill out this 35-second form.
 * :::
 * </pre>
 *
 * The opening line (not indented, at the top level of the article) names the box's heading, plain text; the lines up
 * to a line holding only {@code :::} are ordinary Markdown shown in the box above the inquiry button, and may be
 * none. A box with no closing line runs to the end of the article. The renderer turns each into the same box the
 * page template always drew, with the button linking to the inquiry form with the article as its source.
 */
final class InquiryBoxDirective {

	private static final Pattern OPENING = Pattern.compile(":::[ \\t]*inquire(?:[ \\t]+(.*?))?[ \\t]*");

	private static final Pattern CLOSING = Pattern.compile(":::[ \\t]*");

	private InquiryBoxDirective() {
	}

	/** Lets a commonmark parser recognise the directive. */
	static Parser.Builder register(Parser.Builder parser) {
		return parser.customBlockParserFactory(new Factory());
	}

	/**
	 * One box in the parsed document; its children are the Markdown inside.
	 */
	static final class InquiryBox extends CustomBlock {

		private final String heading;

		InquiryBox(String heading) {
			this.heading = heading;
		}

		/** The heading, plain text; empty when the author gave none. */
		String heading() {
			return heading;
		}

	}

	private static final class Factory extends AbstractBlockParserFactory {

		@Override
		public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
			if (state.getIndent() >= 4 || !atTopLevel(matched.getMatchedBlockParser().getBlock())) {
				return BlockStart.none();
			}
			CharSequence line = state.getLine().getContent();
			Matcher opening = OPENING.matcher(line.subSequence(state.getNextNonSpaceIndex(), line.length()));
			if (!opening.matches()) {
				return BlockStart.none();
			}
			String heading = opening.group(1) == null ? "" : opening.group(1).strip();
			return BlockStart.of(new BoxParser(heading)).atIndex(line.length());
		}

	}

	/**
	 * Whether a box opened here is one of the document's own blocks: on the document, or just after a top-level list
	 * (a list stays matched until a line closes it, and the parser then closes it to make room for the box, as the
	 * editor's toolbar inserts a box after a list item), never inside a quote or a list item.
	 */
	private static boolean atTopLevel(Block matched) {
		return matched instanceof Document || (matched instanceof ListBlock && matched.getParent() instanceof Document);
	}

	private static final class BoxParser extends AbstractBlockParser {

		private final InquiryBox box;

		BoxParser(String heading) {
			this.box = new InquiryBox(heading);
		}

		@Override
		public Block getBlock() {
			return box;
		}

		@Override
		public boolean isContainer() {
			return true;
		}

		@Override
		public boolean canContain(Block child) {
			return !(child instanceof InquiryBox);
		}

		/** Every line belongs to the box until its closing line, which ends the box and is consumed. */
		@Override
		public BlockContinue tryContinue(ParserState state) {
			CharSequence line = state.getLine().getContent();
			if (state.getIndent() < 4
					&& CLOSING.matcher(line.subSequence(state.getNextNonSpaceIndex(), line.length())).matches()) {
				return BlockContinue.finished();
			}
			return BlockContinue.atIndex(state.getIndex());
		}

	}

}
