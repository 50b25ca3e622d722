//! The disclosure profile: one place for every number a profile decides (anonymisation.md,
//! "Default rules"). The CLI, the app and the UI all take these from here.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// Which rule set applies: `standaard` (k = 5) or `strikt` (k = 10).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Profile {
    /// k = 5; zeros are published and never chosen as secondary cells; lower bound 0 is
    /// required for sensitive cells only.
    #[default]
    Standaard,
    /// k = 10; zeros are shown only in grand totals; lower bound 0 is required for every
    /// withheld cell; whole years only.
    Strikt,
}

impl Profile {
    /// Both profiles.
    pub const ALL: [Profile; 2] = [Profile::Standaard, Profile::Strikt];

    /// The stable code: `standaard` or `strikt`.
    pub fn code(self) -> &'static str {
        match self {
            Profile::Standaard => "standaard",
            Profile::Strikt => "strikt",
        }
    }

    /// Parses a code (case-insensitive).
    pub fn parse(code: &str) -> Option<Profile> {
        Profile::ALL
            .into_iter()
            .find(|p| p.code().eq_ignore_ascii_case(code.trim()))
    }

    /// A label for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Profile::Standaard, Lang::Nl) => "Standaard",
            (Profile::Standaard, Lang::En) => "Standard",
            (Profile::Strikt, Lang::Nl) => "Strikt",
            (Profile::Strikt, Lang::En) => "Strict",
        }
    }

    /// The threshold k: a count 1 <= n <= k - 1 is never published.
    pub fn k(self) -> u64 {
        match self {
            Profile::Standaard => 5,
            Profile::Strikt => 10,
        }
    }

    /// The smallest period total that gets any breakdown.
    pub fn minimum_total(self) -> u64 {
        match self {
            Profile::Standaard => 10,
            Profile::Strikt => 20,
        }
    }

    /// The fewest organisations a pooled report, and each of its cells, needs.
    pub fn pooled_minimum_organisations(self) -> usize {
        match self {
            Profile::Standaard => 3,
            Profile::Strikt => 5,
        }
    }

    /// The largest share (percent) one organisation may hold of a pooled cell.
    pub fn pooled_largest_share_percent(self) -> u64 {
        70
    }

    /// Hours are rounded to multiples of this many hours.
    pub fn hours_rounding(self) -> u64 {
        match self {
            Profile::Standaard => 5,
            Profile::Strikt => 10,
        }
    }

    /// Whether breakdowns are allowed only for whole years or longer.
    pub fn whole_years_only(self) -> bool {
        self == Profile::Strikt
    }

    /// Whether zeros are published (and so can never be secondary cells).
    pub fn publishes_zeros(self) -> bool {
        self == Profile::Standaard
    }

    /// Whether every withheld cell, not only the sensitive ones, must be able to be zero.
    pub fn lower_zero_for_all(self) -> bool {
        self == Profile::Strikt
    }

    /// Whether a withheld cell must be able to be zero (the interval rule's lower bound).
    pub fn needs_zero_lower_bound(self, sensitive: bool) -> bool {
        sensitive || self.lower_zero_for_all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_numbers_follow_the_design() {
        for p in Profile::ALL {
            assert_eq!(Profile::parse(p.code()), Some(p), "{p:?} parses back");
        }
        assert_eq!(
            Profile::parse("STRIKT"),
            Some(Profile::Strikt),
            "case-insensitive"
        );
        assert_eq!(Profile::parse("los"), None, "unknown profiles are refused");
        assert_eq!(
            (Profile::Standaard.k(), Profile::Strikt.k()),
            (5, 10),
            "k of anonymisation.md"
        );
        assert_eq!(
            (
                Profile::Standaard.minimum_total(),
                Profile::Strikt.minimum_total()
            ),
            (10, 20),
            "minimum period totals of anonymisation.md"
        );
    }
}
