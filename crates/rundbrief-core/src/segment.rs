//! Who an issue goes to. A segment only narrows: an empty criterion means "no restriction",
//! and only active, non-suppressed subscribers are ever part of one.

use serde::{Deserialize, Serialize};

use crate::{Language, ListId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListMatch {
    /// Subscribed to at least one of the lists.
    #[default]
    Any,
    /// Subscribed to every one of the lists.
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Segment {
    pub lists: Vec<ListId>,
    pub list_match: ListMatch,
    pub languages: Vec<Language>,
    pub regions: Vec<String>,
    pub audiences: Vec<String>,
}

impl Segment {
    /// Everybody who is active and not suppressed.
    pub fn everyone() -> Self {
        Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_rejected_so_typos_do_not_widen_a_segment() {
        let parsed: Result<Segment, _> = serde_json::from_str(r#"{"langauges":["de"]}"#);
        assert!(parsed.is_err());
    }

    #[test]
    fn empty_json_is_everyone() {
        let parsed: Segment = serde_json::from_str("{}").expect("valid segment");
        assert_eq!(parsed, Segment::everyone());
    }

    #[test]
    fn list_match_parses_lowercase() {
        let parsed: Segment =
            serde_json::from_str(r#"{"lists":[1,2],"list_match":"all","languages":["pl"]}"#)
                .expect("valid segment");
        assert_eq!(parsed.list_match, ListMatch::All);
        assert_eq!(parsed.lists, vec![ListId(1), ListId(2)]);
        assert_eq!(parsed.languages, vec![Language::Pl]);
    }
}
