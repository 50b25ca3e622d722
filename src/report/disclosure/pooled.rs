//! The pooled rule (anonymisation.md): a cell of a report over several organisations is
//! published only when enough organisations contribute to it (3, strikt 5) and the largest
//! holds at most 70% of it. A cell that fails is protected like a primary cell, and stays
//! protected in later reports.

use crate::report::Profile;
use std::collections::BTreeMap;

/// Whether a pooled cell with these contributions per organisation (dossier counts) must be
/// protected. Empty cells never need it.
pub fn pooled_rule_fails(by_organisation: &BTreeMap<i64, u64>, profile: Profile) -> bool {
    let value: u64 = by_organisation.values().sum();
    if value == 0 {
        return false;
    }
    let contributors = by_organisation.values().filter(|&&n| n > 0).count();
    let largest = by_organisation.values().copied().max().unwrap_or(0);
    contributors < profile.pooled_minimum_organisations()
        || largest * 100 > value * profile.pooled_largest_share_percent()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_organisations_and_none_over_seventy_percent() {
        let cell = |v: &[u64]| -> BTreeMap<i64, u64> {
            v.iter().enumerate().map(|(i, &n)| (i as i64, n)).collect()
        };
        assert!(
            pooled_rule_fails(&cell(&[5, 5, 0]), Profile::Standaard),
            "two contributors are too few"
        );
        assert!(
            pooled_rule_fails(&cell(&[15, 3, 2]), Profile::Standaard),
            "15 of 20 is 75%"
        );
        assert!(
            !pooled_rule_fails(&cell(&[14, 3, 3]), Profile::Standaard),
            "14 of 20 is 70%: allowed"
        );
        assert!(
            pooled_rule_fails(&cell(&[4, 4, 4, 4]), Profile::Strikt),
            "strikt needs five organisations"
        );
        assert!(
            !pooled_rule_fails(&cell(&[0, 0, 0]), Profile::Standaard),
            "empty"
        );
    }
}
