//! Numeric identifiers. They are small integers (not UUIDs) because they are
//! packed into QR codes, where every byte makes the code denser and harder to
//! read from a poster across a room.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                // Reject signs and leading zeros so that each id has exactly one spelling.
                if s.starts_with('+') || (s.len() > 1 && s.starts_with('0')) {
                    return "x".parse::<u32>().map($name);
                }
                s.parse().map($name)
            }
        }
    };
}

id_type!(
    /// An event (one volunteer day of one district).
    EventId
);
id_type!(
    /// A venue (main venue or sub-venue) of an event.
    VenueId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_one_spelling() {
        assert_eq!("42".parse::<VenueId>().unwrap(), VenueId(42));
        assert_eq!("0".parse::<VenueId>().unwrap(), VenueId(0));
        assert!("042".parse::<VenueId>().is_err());
        assert!("+42".parse::<VenueId>().is_err());
        assert!("-1".parse::<VenueId>().is_err());
        assert!("".parse::<VenueId>().is_err());
        assert!("4294967296".parse::<VenueId>().is_err());
    }
}
