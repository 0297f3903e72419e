/**
 * The clinic's clinicians and their bios.
 */
package ca.gagephysio.team;
