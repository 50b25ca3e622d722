//! Everything that can go wrong while building a report. No case content: codes, periods
//! and counts only.

use super::disclosure::DisclosureError;
use crate::store::StoreError;

/// Why a report could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Disclosure control failed.
    #[error(transparent)]
    Disclosure(#[from] DisclosureError),
    /// A pooled report needs more organisations.
    #[error("a pooled report needs at least {minimum} organisations")]
    PooledTooFew {
        /// The minimum.
        minimum: usize,
    },
    /// The same organisation was named twice.
    #[error("an organisation is named twice")]
    DuplicateOrganisation,
    /// No organisation was named.
    #[error("no organisation chosen")]
    NoOrganisation,
    /// This report was published before with other figures: a published period is frozen.
    #[error("period {period} was published before with different figures; it is frozen")]
    Frozen {
        /// The period code.
        period: String,
    },
    /// This period was published under another profile; a published period is frozen for
    /// every profile.
    #[error("period {period} was published with profile {profile}; it is frozen")]
    ProfileFrozen {
        /// The period code.
        period: String,
        /// The profile it was published with.
        profile: &'static str,
    },
    /// What this report would reveal (a band) narrows a count an earlier report protects;
    /// a longer period may be published instead.
    #[error("this period cannot be published safely after the earlier reports")]
    NotPublishable,
    /// A joint report is about one organisation.
    #[error("a joint report names one organisation")]
    JointOneOrganisation,
    /// A joint report without any contribution.
    #[error("no contributions for this joint report")]
    NoContributions,
    /// An organisation's release history was recorded by a test version of Kluis (schema
    /// v2) in a form that cannot be mapped onto later reports exactly.
    #[error("the release history of an organisation is in an old format")]
    LegacyLedger,
}
