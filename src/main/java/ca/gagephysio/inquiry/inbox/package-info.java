/**
 * The front desk's inbox: listing, opening, following up and exporting inquiries, each look recorded in the
 * staff module's access trail, and the retention job that erases what the clinic no longer needs.
 */
package ca.gagephysio.inquiry.inbox;
