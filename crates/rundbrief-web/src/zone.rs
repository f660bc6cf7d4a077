//! The time zone editors schedule in (`RUNDBRIEF_TIME_ZONE`, an IANA name such as
//! `Europe/Berlin`): wall times typed into the schedule form become instants, and stored
//! instants are shown back as wall times, with daylight saving time applied by the zone's
//! rules rather than a fixed UTC offset.
//!
//! Across a change of the clocks: a wall time that does not exist (the hour skipped in spring,
//! 2027-03-28 02:30 in Berlin) is refused with [`WallTimeError::Skipped`]; one that exists
//! twice (the hour repeated in autumn, 2027-10-31 02:30) is the **earlier** of the two, still
//! in summer time, and the page shows the zone's abbreviation (CEST / CET) with the time, so
//! the choice is visible.

use std::fmt;

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone as Zone};
use time::OffsetDateTime;

/// The zone editors schedule in. Cheap to clone.
#[derive(Clone)]
pub struct TimeZone {
    zone: Zone,
    name: String,
}

/// The built-in default: most editors work in Germany.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Berlin";

impl fmt::Debug for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl PartialEq for TimeZone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// Why a wall time from the form gives no instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WallTimeError {
    /// Not a date and time like `2027-03-28T09:30`.
    Unreadable,
    /// The clocks skip this time in the zone (the start of summer time).
    Skipped,
}

impl TimeZone {
    /// The zone of an IANA name; the error says the name is unknown.
    pub fn named(name: &str) -> Result<Self, String> {
        let name = name.trim();
        let zone = Zone::get(name).map_err(|e| {
            format!("'{name}' is not a time zone of the IANA database (like Europe/Berlin): {e}")
        })?;
        Ok(Self { zone, name: name.to_owned() })
    }

    /// `Europe/Berlin`, or UTC if even the bundled database lacks it.
    pub fn default_zone() -> Self {
        Self::named(DEFAULT_TIME_ZONE)
            .unwrap_or_else(|_| Self { zone: Zone::UTC, name: "UTC".to_owned() })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// `2027-10-31T02:30` (what `datetime-local` sends; seconds optional) in this zone.
    pub fn instant(&self, wall: &str) -> Result<OffsetDateTime, WallTimeError> {
        let civil: DateTime = wall.trim().parse().map_err(|_| WallTimeError::Unreadable)?;
        let ambiguous = self.zone.to_ambiguous_timestamp(civil);
        let timestamp = match ambiguous.offset() {
            AmbiguousOffset::Gap { .. } => return Err(WallTimeError::Skipped),
            // The earlier of the two: the repeated hour's first pass, in summer time.
            AmbiguousOffset::Unambiguous { offset }
            | AmbiguousOffset::Fold { before: offset, .. } => {
                offset.to_timestamp(civil).map_err(|_| WallTimeError::Unreadable)?
            }
        };
        OffsetDateTime::from_unix_timestamp(timestamp.as_second())
            .map_err(|_| WallTimeError::Unreadable)
    }

    fn zoned(&self, at: OffsetDateTime) -> Option<jiff::ZonedDateTime> {
        let timestamp = jiff::Timestamp::from_second(at.unix_timestamp()).ok()?;
        Some(timestamp.to_zoned_datetime(self.zone.clone()))
    }

    /// For people: `2027-10-31 02:30 CEST (Europe/Berlin)`; the abbreviation tells the two
    /// passes of a repeated hour apart.
    pub fn show(&self, at: OffsetDateTime) -> String {
        match self.zoned(at) {
            Some(zoned) => format!("{} ({})", zoned.strftime("%Y-%m-%d %H:%M %Z"), self.name),
            None => at.to_string(),
        }
    }

    /// For a `datetime-local` field: `2027-10-31T02:30`.
    pub fn input_value(&self, at: OffsetDateTime) -> String {
        self.zoned(at).map(|z| z.strftime("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default()
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        Self::default_zone()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use time::UtcOffset;
    use time::macros::datetime;

    use super::*;

    fn berlin() -> TimeZone {
        TimeZone::named("Europe/Berlin").unwrap()
    }

    #[test]
    fn winter_and_summer_wall_times_take_the_zone_rules() {
        let zone = berlin();
        assert_eq!(zone.instant("2026-12-01T08:00").unwrap(), datetime!(2026-12-01 07:00 UTC));
        assert_eq!(
            zone.instant("2027-07-01T08:00:30").unwrap(),
            datetime!(2027-07-01 06:00:30 UTC)
        );
        // The day the clocks go forward, after the jump.
        assert_eq!(zone.instant("2027-03-28T03:30").unwrap(), datetime!(2027-03-28 01:30 UTC));
    }

    #[test]
    fn a_skipped_wall_time_is_refused() {
        assert_eq!(berlin().instant("2027-03-28T02:30"), Err(WallTimeError::Skipped));
        assert_eq!(berlin().instant("tomorrow"), Err(WallTimeError::Unreadable));
        assert_eq!(berlin().instant(""), Err(WallTimeError::Unreadable));
    }

    #[test]
    fn a_repeated_wall_time_is_its_earlier_pass_and_shows_which() {
        let zone = berlin();
        let at = zone.instant("2027-10-31T02:30").unwrap();
        assert_eq!(at, datetime!(2027-10-31 00:30 UTC), "the summer-time pass");
        assert_eq!(zone.show(at), "2027-10-31 02:30 CEST (Europe/Berlin)");
        let later = datetime!(2027-10-31 01:30 UTC);
        assert_eq!(zone.show(later), "2027-10-31 02:30 CET (Europe/Berlin)");
        assert_eq!(zone.input_value(at), "2027-10-31T02:30");
    }

    #[test]
    fn stored_instants_show_in_the_zone() {
        let at = datetime!(2027-07-01 06:00 UTC).to_offset(UtcOffset::UTC);
        assert_eq!(berlin().show(at), "2027-07-01 08:00 CEST (Europe/Berlin)");
        let other = TimeZone::named("Europe/Sofia").unwrap();
        assert_eq!(other.show(at), "2027-07-01 09:00 EEST (Europe/Sofia)");
        assert!(TimeZone::named("Mars/Olympus").is_err());
        assert!(TimeZone::named("+01:00").is_err());
    }
}
