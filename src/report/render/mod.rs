//! Rendering a [`super::ReportModel`] for the reader: so far the tidy CSV ([`csv`]). Renderers
//! only print what the model says; they never see counts of withheld cells.

pub mod csv;
pub mod pdf;
