//! Anonymised trend reports: period tables, disclosure control, audit, release ledger and
//! rendering. This first part holds only the disclosure-control mathematics
//! ([`disclosure`]): which cells of a set of frequency tables may be published, and the proof
//! that what is published does not let anyone recover a small count. Building tables from
//! dossiers and rendering them come later and feed on it.

pub mod disclosure;
