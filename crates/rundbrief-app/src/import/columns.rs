//! Which column of an import file holds which field, by header name.
//!
//! The aliases cover a plain spreadsheet (English and German headers) and the documented
//! exports of listmonk (`email`, `name`, `attributes`, `status`, `created_at`), Mailchimp
//! (`Email Address`, `First Name`, `Last Name`, `OPTIN_TIME`, `OPTIN_IP`, `CONFIRM_TIME`,
//! `CONFIRM_IP`, `TAGS`, `REGION`) and CleverReach (`email`, `firstname`, `lastname`,
//! `activated`, `registered`, `deactivated`, `bounced`, `tags`). Headers are compared without
//! case, spaces, `-` and `_`, so `E-Mail-Adresse`, `e_mail` and `EMAIL` are one.

use std::collections::BTreeMap;

/// A field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Email,
    Name,
    FirstName,
    LastName,
    Language,
    Lists,
    Region,
    Audience,
    OptinTime,
    OptinIp,
    /// The old system's status (listmonk `status`); only subscribed/enabled rows come in.
    Status,
    /// A non-empty, non-zero value means the person left or bounced (CleverReach
    /// `deactivated`, `bounced`): such rows are skipped, never imported as active.
    Left,
    /// A JSON object of attributes (listmonk `attributes`).
    AttributesJson,
    /// Kept under the column's header in the subscriber's attributes.
    Attribute,
    /// Read but not stored (ids and bookkeeping of the old system).
    Ignore,
}

const ALIASES: &[(Field, &[&str])] = &[
    (Field::Email, &["email", "emailaddress", "mail", "emailadresse", "mailadresse"]),
    (Field::Name, &["name", "fullname", "vollständigername"]),
    (Field::FirstName, &["firstname", "fname", "vorname", "givenname"]),
    (Field::LastName, &["lastname", "lname", "nachname", "surname", "familyname", "familienname"]),
    (Field::Language, &["language", "lang", "sprache", "locale", "mmergelanguage"]),
    (Field::Lists, &["lists", "list", "tags", "tag", "listen", "liste", "groups", "gruppen"]),
    (Field::Region, &["region"]),
    (Field::Audience, &["audience", "zielgruppe"]),
    (
        Field::OptinTime,
        &[
            "optintime",
            "confirmtime",
            "confirmedat",
            "createdat",
            "activated",
            "registered",
            "optinzeit",
            "anmeldedatum",
        ],
    ),
    (Field::OptinIp, &["optinip", "confirmip", "ip", "ipaddress"]),
    (Field::Status, &["status", "subscriptionstatus"]),
    (Field::Left, &["deactivated", "bounced", "unsubscribed"]),
    (Field::AttributesJson, &["attributes", "attribs"]),
    (
        Field::Ignore,
        &[
            "uuid",
            "id",
            "updatedat",
            "lastchanged",
            "leid",
            "euid",
            "memberrating",
            "source",
            "error",
        ],
    ),
];

/// A header as compared: lower case, without spaces, `-`, `_` and `.`.
pub fn normalise(header: &str) -> String {
    header
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field of a header name (an alias or a field name itself), if any.
pub fn field_of(header: &str) -> Option<Field> {
    let key = normalise(header);
    ALIASES.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(field, _)| *field)
}

/// The field names a mapping may use (besides the aliases), as its error lists them.
const FIELD_NAMES: &str = "email, name, first_name, last_name, language, lists, region, \
    audience, optin_time, optin_ip, status, unsubscribed, attributes, attribute, ignore";

/// `--map COLUMN=FIELD`: the header as written in the file, and a field name or alias.
pub fn parse_map(spec: &str) -> Result<(String, Field), String> {
    let (column, field) =
        spec.split_once('=').ok_or_else(|| format!("'{spec}' is not COLUMN=FIELD"))?;
    let field = match normalise(field).as_str() {
        "attribute" => Field::Attribute,
        "ignore" => Field::Ignore,
        _ => field_of(field)
            .ok_or_else(|| format!("'{field}' is not a field Rundbrief knows ({FIELD_NAMES})"))?,
    };
    Ok((normalise(column), field))
}

/// The columns of one file: which index feeds which field, and what was left over.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub fields: Vec<(usize, Field)>,
    pub headers: Vec<String>,
    /// Columns of a field another column already fills; reported once, not stored.
    pub duplicates: Vec<String>,
}

impl Columns {
    /// Maps `headers` with `overrides` (from `--map`) before the aliases. The first column of
    /// a field wins; unknown columns become attributes.
    /// A mapping of a column the header row does not have is refused, naming it: a typo in a
    /// mapping would otherwise leave the column to its alias (or to the attributes) unnoticed.
    pub fn new(headers: &[String], overrides: &BTreeMap<String, Field>) -> Result<Self, String> {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        if let Some(missing) = overrides.keys().find(|column| !normalised.contains(column)) {
            return Err(format!(
                "the mapping names the column '{missing}', which the file does not have: \
                 the header row has {}",
                headers.join(", ")
            ));
        }
        let mut columns = Columns { headers: headers.to_vec(), ..Default::default() };
        for (index, header) in headers.iter().enumerate() {
            let field = overrides
                .get(&normalise(header))
                .copied()
                .or_else(|| field_of(header))
                .unwrap_or(Field::Attribute);
            let single = !matches!(field, Field::Attribute | Field::Ignore | Field::Left);
            if single && columns.index(field).is_some() {
                columns.duplicates.push(header.clone());
                continue;
            }
            columns.fields.push((index, field));
        }
        if columns.index(Field::Email).is_none() {
            return Err(format!(
                "no e-mail column: the header row has {}; name it email or use --map COLUMN=email",
                headers.join(", ")
            ));
        }
        Ok(columns)
    }

    pub fn index(&self, field: Field) -> Option<usize> {
        self.fields.iter().find(|(_, f)| *f == field).map(|(i, _)| *i)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_spreadsheets_and_other_systems_find_their_field() {
        for (header, field) in [
            ("Email Address", Field::Email),
            ("E-Mail-Adresse", Field::Email),
            ("e_mail", Field::Email),
            ("Vorname", Field::FirstName),
            ("FNAME", Field::FirstName),
            ("Last Name", Field::LastName),
            ("Sprache", Field::Language),
            ("locale", Field::Language),
            ("Listen", Field::Lists),
            ("TAGS", Field::Lists),
            ("OPTIN_TIME", Field::OptinTime),
            ("CONFIRM_IP", Field::OptinIp),
            ("created_at", Field::OptinTime),
        ] {
            assert_eq!(field_of(header), Some(field), "{header}");
        }
        assert_eq!(field_of("Lieblingsfarbe"), None);
    }

    #[test]
    fn the_first_column_of_a_field_wins_and_map_overrides_aliases() {
        let headers: Vec<String> =
            ["Kontakt", "OPTIN_TIME", "CONFIRM_TIME", "Farbe"].map(String::from).to_vec();
        let overrides = BTreeMap::from([parse_map("Kontakt=email").unwrap()]);
        let columns = Columns::new(&headers, &overrides).unwrap();
        assert_eq!(columns.index(Field::Email), Some(0));
        assert_eq!(columns.index(Field::OptinTime), Some(1));
        assert_eq!(columns.duplicates, vec!["CONFIRM_TIME".to_owned()]);
        assert_eq!(columns.index(Field::Attribute), Some(3));
        assert!(Columns::new(&headers, &BTreeMap::new()).unwrap_err().contains("no e-mail"));
        assert!(parse_map("x=colour").unwrap_err().contains("'colour'"));
        let typo = BTreeMap::from([parse_map("Kontackt=email").unwrap()]);
        let refused = Columns::new(&headers, &typo).unwrap_err();
        assert!(
            refused.contains("'kontackt'") && refused.contains("Kontakt, OPTIN_TIME"),
            "{refused}"
        );
    }
}
