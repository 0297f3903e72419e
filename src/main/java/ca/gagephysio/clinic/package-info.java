/**
 * The clinic's facts (name, address, phone, hours, holidays, base URL, booking link, banner): the first-start
 * defaults of {@code application.properties}, the facts an administrator saved, and
 * {@link ca.gagephysio.clinic.ClinicFacts}, which every page, email and job asks;
 * {@link ca.gagephysio.shared.PublicContentChanged} when they are saved. Its
 * back-office form is the nested module {@code clinic.staff}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package ca.gagephysio.clinic;
