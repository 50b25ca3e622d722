//! The gates of anonymisation.md: which tables a report gets, and how finely its period is
//! split.
//!
//! - the total number of contacts is always shown: exact when it is at least k, otherwise as
//!   the band `1-(k-1)`;
//! - breakdowns only when the period total reaches the minimum (10; strikt 20), and in the
//!   strict profile only for a year or two years;
//! - organisations under 50 employees: the category group table only (strikt: total only);
//! - 50 employees or more: one attribute per table (contact type, category groups and
//!   detailed categories, relation, outcome, reporter role, actions, duration), never two
//!   person attributes crossed (strikt: category groups only);
//! - 250 or more with at least 50 dossiers in a year: categories by relation for that year;
//! - a pooled report is designed as one organisation of the participants' joint size, but
//!   never gets the tables reserved for 250 or more;
//! - the breakdown columns are the finest calendar split of the period (quarters, half
//!   years, years) whose every part has at least the minimum and whose tables would not
//!   withhold more than a quarter of their cells; otherwise the whole period.

use super::TableKind;
use crate::model::{Attribute, ReportPeriod};
use crate::report::Profile;
use crate::report::model::SizeBand;

/// Share of small cells (percent) above which a finer split, or detailed categories, are
/// given up.
pub const COLLAPSE_SHARE_PERCENT: usize = 25;

/// The year total from which organisations of 250 or more get categories by relation.
pub const CROSS_MINIMUM_TOTAL: u64 = 50;

/// What the gates allow for one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gates {
    /// The size band the tables are chosen for.
    pub band: SizeBand,
    /// Whether the period total reached the minimum for breakdowns.
    pub breakdowns: bool,
    /// Whether detailed categories may be shown (otherwise groups only).
    pub detailed: bool,
    /// The breakdown tables, in report order (the detailed categories only when allowed;
    /// whether they are shown is decided later).
    pub kinds: Vec<TableKind>,
    /// Whether categories by relation may be shown.
    pub cross: bool,
}

/// The gates for a report of `total` dossiers over an organisation (or pooled set) of
/// `employees` employees.
pub fn gates(
    employees: u32,
    pooled: bool,
    period: ReportPeriod,
    total: u64,
    profile: Profile,
) -> Gates {
    let band = SizeBand::of(employees);
    let band = if pooled {
        band.min(SizeBand::From50To249)
    } else {
        band
    };
    let long = matches!(period, ReportPeriod::Year(_) | ReportPeriod::TwoYear(_));
    let breakdowns = total >= profile.minimum_total()
        && !(profile.whole_years_only() && (band == SizeBand::Under50 || !long));
    let detailed = breakdowns && profile == Profile::Standaard && band != SizeBand::Under50;
    let mut kinds = Vec::new();
    if breakdowns {
        if detailed {
            kinds.extend([
                TableKind::By(Attribute::ContactType),
                TableKind::By(Attribute::Group),
                TableKind::By(Attribute::Category),
                TableKind::By(Attribute::Relation),
                TableKind::By(Attribute::Role),
                TableKind::By(Attribute::Outcome),
                TableKind::By(Attribute::Action),
                TableKind::By(Attribute::Duration),
            ]);
        } else {
            kinds.push(TableKind::By(Attribute::Group));
        }
    }
    let cross = detailed
        && band == SizeBand::From250
        && matches!(period, ReportPeriod::Year(_))
        && total >= CROSS_MINIMUM_TOTAL;
    Gates {
        band,
        breakdowns,
        detailed,
        kinds,
        cross,
    }
}

/// The candidate splits of a period's breakdown columns, finest first (the whole period is
/// the fallback and not listed). The strict profile never splits.
pub fn candidate_splits(period: ReportPeriod, profile: Profile) -> Vec<Vec<ReportPeriod>> {
    if profile.whole_years_only() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let quarters = period.quarters();
    if quarters.len() > 1 && !matches!(period, ReportPeriod::TwoYear(_)) {
        out.push(quarters);
    }
    match period {
        ReportPeriod::Year(y) => out.push(vec![ReportPeriod::Half(y, 1), ReportPeriod::Half(y, 2)]),
        ReportPeriod::TwoYear(_) => out.push(period.parts()),
        _ => {}
    }
    out
}
