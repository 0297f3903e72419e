/**
 * Shared: small helpers every module may use, which know nothing of any module (declared a shared module on
 * {@link ca.gagephysio.ClinicApplication}): how phone numbers and email addresses are read, CSV for downloads,
 * Markdown for edited text and SHA-256 keys for what is recognised without being stored; and the one event every change to public content publishes
 * ({@link ca.gagephysio.shared.PublicContentChanged}), here because the features that publish it sit below the web shell
 * that listens (clinic facts among them). Nothing goes here that one module alone uses.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package ca.gagephysio.shared;
