package ca.gagephysio.browser;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every browser test the same {@link Chromium}, started on first use and closed (browser quit, profile
 * deleted) when the whole run ends, so the suite pays for one browser start, not one per class. Each test starts
 * over: no cookie (a staff session, say) and no viewport left behind by the test before.
 */
public final class ChromiumExtension implements ParameterResolver, BeforeEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		Chromium chromium = context.getRoot().getStore(NAMESPACE).get(Chromium.class, Chromium.class);
		if (chromium != null) {
			chromium.startOver();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Chromium.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Chromium.class, type -> Chromium.start(),
				Chromium.class);
	}

}
