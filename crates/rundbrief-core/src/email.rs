//! E-mail addresses of subscribers and users, checked and normalised once at the edge.
//!
//! The accepted syntax is deliberately narrower than RFC 5321/5322: a dot-atom local part and
//! a DNS domain name. Quoted local parts, comments and IP literals are legal but practically
//! never belong to a real newsletter reader, and supporting them would complicate every place
//! that prints, compares or sends to an address. Internationalised addresses (RFC 6531) are
//! accepted: the domain is stored in its ASCII (punycode) form so that it compares equal however
//! it was typed, and the local part is kept exactly as given because only the receiving server
//! may interpret it.
//!
//! [`EmailAddress::parse`] accepts what may already be stored; new addresses from people and
//! API callers go through [`EmailAddress::parse_deliverable`], which also requires an ASCII local
//! part: the SMTP path in use (no SMTPUTF8) cannot deliver to anything else, so such an address
//! would stay pending for ever.
//!
//! [`EmailAddress::mixed_script`] flags addresses that mix Latin with Greek or Cyrillic
//! look-alikes within the local part or one domain label (`аnna@` with a Cyrillic `а`), so the
//! editor UI can warn about them.
//!
//! Error messages say what is wrong but never repeat the address: they end up in logs, and
//! addresses are personal data.

use std::net::Ipv4Addr;
use std::str::FromStr;

/// RFC 5321 limits the local part to 64 octets.
const MAX_LOCAL_LEN: usize = 64;
/// The path limit of RFC 5321 (256) minus the angle brackets.
const MAX_ADDRESS_LEN: usize = 254;
const MAX_DOMAIN_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;
/// Inputs longer than this are rejected before IDNA processing, which is the only costly step.
/// It is generous because a Unicode domain can be longer in UTF-8 than in punycode.
const MAX_INPUT_LEN: usize = 1024;

/// A syntactically valid, normalised e-mail address.
///
/// Equality is on the normalised form, where the local part keeps its case; use
/// [`EmailAddress::key`] to decide whether two addresses belong to the same person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress {
    address: String,
    /// Byte index of the separating `@` in `address`.
    at: usize,
}

/// Why a string is not an acceptable e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the e-mail address is empty")]
    Empty,
    #[error("the e-mail address has no '@' between the name and the domain")]
    MissingAt,
    #[error("the e-mail address contains spaces, control characters or invisible characters")]
    ForbiddenCharacter,
    #[error("the e-mail address has nothing before the '@'")]
    EmptyLocalPart,
    #[error("the part of the e-mail address before the '@' is longer than 64 bytes")]
    LocalPartTooLong,
    #[error("the part of the e-mail address before the '@' {reason}")]
    InvalidLocalPart { reason: &'static str },
    #[error(
        "e-mail addresses with a quoted part before the '@' (\"...\"@example.org) are not supported"
    )]
    QuotedLocalPart,
    #[error("the domain of the e-mail address {reason}")]
    InvalidDomain { reason: &'static str },
    #[error("e-mail addresses at an IP address are not supported; use a domain name")]
    IpLiteral,
    #[error("the e-mail address is longer than 254 bytes")]
    TooLong,
    #[error(
        "the part of the e-mail address before the '@' may only contain ASCII letters, digits and the characters . ! # $ % & ' * + - / = ? ^ _ ` {{ | }} ~, because mail cannot be delivered to other characters there"
    )]
    NonAsciiLocalPart,
}

impl EmailAddress {
    /// Checks and normalises an address typed by a person or read from an import.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.len() > MAX_INPUT_LEN {
            return Err(EmailError::TooLong);
        }
        // The last '@' separates the domain: domains cannot contain one, local parts could
        // (quoted), and splitting there gives the more helpful error for `a@b@example.org`.
        let (local, domain) = trimmed.rsplit_once('@').ok_or(EmailError::MissingAt)?;
        // Checked before the character scan because quoted local parts usually contain spaces,
        // and "quoted addresses are not supported" is the more useful message.
        if local.starts_with('"') {
            return Err(EmailError::QuotedLocalPart);
        }
        if trimmed.chars().any(is_forbidden_char) {
            return Err(EmailError::ForbiddenCharacter);
        }
        check_local_part(local)?;
        let domain = normalise_domain(domain)?;

        let address = format!("{local}@{domain}");
        if address.len() > MAX_ADDRESS_LEN {
            return Err(EmailError::TooLong);
        }
        Ok(Self { at: local.len(), address })
    }

    /// [`EmailAddress::parse`], and the local part must be ASCII: the check for addresses that
    /// are new to the system (sign-up, API), which have to be deliverable without SMTPUTF8.
    /// Internationalised domain names stay allowed; they are sent as punycode.
    pub fn parse_deliverable(input: &str) -> Result<Self, EmailError> {
        let address = Self::parse(input)?;
        if !address.local_part().is_ascii() {
            return Err(EmailError::NonAsciiLocalPart);
        }
        Ok(address)
    }

    /// Whether the local part, or one label of the domain (punycode labels decoded), mixes
    /// Latin letters with Greek or Cyrillic ones, or Greek with Cyrillic: the way homoglyph
    /// addresses such as `аnna@example.org` (Cyrillic `а`) look like someone else's. Each
    /// label is judged alone, so `anna@пример.com` is not mixed.
    pub fn mixed_script(&self) -> bool {
        if mixes_scripts(self.local_part()) {
            return true;
        }
        self.domain().split('.').any(|label| {
            let ace = label.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--"));
            match label.get(4..) {
                Some(encoded) if ace => {
                    idna::punycode::decode_to_string(encoded).is_some_and(|l| mixes_scripts(&l))
                }
                _ => mixes_scripts(label),
            }
        })
    }

    /// The normalised address: local part as given, domain in lower-case ASCII.
    pub fn as_str(&self) -> &str {
        &self.address
    }

    pub fn local_part(&self) -> &str {
        &self.address[..self.at]
    }

    /// The domain in lower-case ASCII (punycode for internationalised domains).
    pub fn domain(&self) -> &str {
        &self.address[self.at + 1..]
    }

    /// The identity used for uniqueness: the whole address lower-cased.
    ///
    /// RFC 5321 lets servers treat local parts case-sensitively, but no mainstream provider
    /// does, and people type their address with varying case. Treating `Anna@` and `anna@` as
    /// two subscribers would mean two confirmation mails and an unsubscribe that only half works.
    pub fn key(&self) -> String {
        self.address.to_lowercase()
    }

    pub fn into_string(self) -> String {
        self.address
    }
}

/// The letter scripts that have look-alikes of each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
}

fn script_of(c: char) -> Option<Script> {
    match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{00C0}'..='\u{00D6}'
        | '\u{00D8}'..='\u{00F6}'
        | '\u{00F8}'..='\u{02AF}'   // Latin-1 letters, Latin Extended-A/B, IPA
        | '\u{1D00}'..='\u{1D2B}'   // small capitals
        | '\u{1E00}'..='\u{1EFF}'   // Latin Extended Additional
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}' => Some(Script::Latin),
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' if c.is_alphabetic() => {
            Some(Script::Greek)
        }
        '\u{0400}'..='\u{052F}'
        | '\u{1C80}'..='\u{1C8F}'
        | '\u{2DE0}'..='\u{2DFF}'
        | '\u{A640}'..='\u{A69F}' => Some(Script::Cyrillic),
        _ => None,
    }
}

/// Whether `text` has letters of more than one of Latin, Greek and Cyrillic. Digits, marks
/// and letters of other scripts neither mix nor count.
pub fn mixes_scripts(text: &str) -> bool {
    let mut first = None;
    for script in text.chars().filter_map(script_of) {
        match first {
            None => first = Some(script),
            Some(seen) if seen != script => return true,
            Some(_) => {}
        }
    }
    false
}

fn check_local_part(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::EmptyLocalPart);
    }
    if local.len() > MAX_LOCAL_LEN {
        return Err(EmailError::LocalPartTooLong);
    }
    if local.starts_with('.') || local.ends_with('.') {
        return Err(EmailError::InvalidLocalPart { reason: "must not start or end with a dot" });
    }
    if local.contains("..") {
        return Err(EmailError::InvalidLocalPart { reason: "must not contain two dots in a row" });
    }
    if !local.chars().all(|c| c == '.' || is_atext(c)) {
        return Err(EmailError::InvalidLocalPart {
            reason: "contains a character that is not allowed there, such as a comma, bracket, quote or backslash",
        });
    }
    Ok(())
}

/// RFC 5322 `atext`, extended by RFC 6531 to all non-ASCII characters.
///
/// RFC 6531 allows any non-ASCII UTF-8 here, not only letters: restricting to letters would need
/// Unicode category tables and would reject real addresses in scripts that use combining marks
/// (Devanagari viramas, for instance). Invisible and control characters are excluded separately
/// by [`is_forbidden_char`].
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || !c.is_ascii()
}

/// Characters that must not appear anywhere in an address: whitespace and controls because they
/// break headers and logs, invisible and bidi-formatting characters because they make two
/// different addresses look identical (or one address look like another).
fn is_forbidden_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'                          // soft hyphen
                | '\u{034F}'                    // combining grapheme joiner
                | '\u{061C}'                    // Arabic letter mark
                | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
                | '\u{17B4}' | '\u{17B5}'       // Khmer inherent vowels
                | '\u{180B}'..='\u{180F}'       // Mongolian selectors and vowel separator
                | '\u{200B}'..='\u{200F}'       // zero-width characters, LRM, RLM
                | '\u{202A}'..='\u{202E}'       // bidi embeddings and overrides
                | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, bidi isolates
                | '\u{FE00}'..='\u{FE0F}'       // variation selectors
                | '\u{FEFF}'                    // byte order mark
                | '\u{FFF0}'..='\u{FFFF}'       // specials, including the replacement character
                | '\u{E000}'..='\u{F8FF}'       // private use
                | '\u{E0000}'..='\u{E0FFF}'     // tags, variation selectors supplement
                | '\u{F0000}'..='\u{10FFFF}'  // supplementary private use
        )
}

fn invalid_domain(reason: &'static str) -> EmailError {
    EmailError::InvalidDomain { reason }
}

fn normalise_domain(raw: &str) -> Result<String, EmailError> {
    if raw.is_empty() {
        return Err(invalid_domain("is missing after the '@'"));
    }
    if raw.starts_with('[') || raw.ends_with(']') || raw.parse::<Ipv4Addr>().is_ok() {
        return Err(EmailError::IpLiteral);
    }
    // UTS 46 processing also maps look-alike forms people actually type (full-width letters,
    // ideographic full stops) to their plain equivalents and lower-cases.
    let ascii = idna::domain_to_ascii(raw)
        .map_err(|_| invalid_domain("is not a valid domain name"))?
        .to_ascii_lowercase();
    if ascii.is_empty() {
        return Err(invalid_domain("is missing after the '@'"));
    }
    if ascii.len() > MAX_DOMAIN_LEN {
        return Err(invalid_domain("is longer than 253 characters"));
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    if labels.len() < 2 {
        return Err(invalid_domain(
            "needs at least one dot, like example.org; local host names cannot receive newsletters",
        ));
    }
    for label in &labels {
        if label.is_empty() {
            return Err(invalid_domain(
                "has an empty part: a dot at the start or end, or two dots in a row",
            ));
        }
        if label.len() > MAX_LABEL_LEN {
            return Err(invalid_domain(
                "has a part between dots that is longer than 63 characters",
            ));
        }
        if !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(invalid_domain("may only contain letters, digits, hyphens and dots"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(invalid_domain("has a part that starts or ends with a hyphen"));
        }
    }
    if labels.last().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
        return Err(invalid_domain("ends in a number instead of a top-level domain"));
    }
    Ok(ascii)
}

impl FromStr for EmailAddress {
    type Err = EmailError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

text_form!(EmailAddress, as_str, "an e-mail address");

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.address
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> EmailAddress {
        EmailAddress::parse(input).unwrap_or_else(|err| panic!("{input:?} should parse: {err}"))
    }

    fn err(input: &str) -> EmailError {
        match EmailAddress::parse(input) {
            Ok(address) => panic!("{input:?} should be rejected, got {address}"),
            Err(err) => err,
        }
    }

    fn domain_err(input: &str) {
        assert!(
            matches!(err(input), EmailError::InvalidDomain { .. }),
            "{input:?}: {:?}",
            err(input)
        );
    }

    fn local_err(input: &str) {
        assert!(
            matches!(err(input), EmailError::InvalidLocalPart { .. }),
            "{input:?}: {:?}",
            err(input)
        );
    }

    #[test]
    fn valid_addresses_normalise_as_expected() {
        let cases = [
            ("anna@example.com", "anna@example.com"),
            ("  anna@example.com \n", "anna@example.com"),
            ("\tAnna@Example.COM\r\n", "Anna@example.com"),
            ("Anna.Maria@EXAMPLE.com", "Anna.Maria@example.com"),
            ("first.last+news@sub.example.co.uk", "first.last+news@sub.example.co.uk"),
            ("o'brien@example.ie", "o'brien@example.ie"),
            ("user-@example.com", "user-@example.com"),
            ("-user_@example.com", "-user_@example.com"),
            ("a@b.co", "a@b.co"),
            ("x@123.example", "x@123.example"),
            ("x@sub-domain.example-1.org", "x@sub-domain.example-1.org"),
            ("!#$%&'*+-/=?^_`{|}~@example.org", "!#$%&'*+-/=?^_`{|}~@example.org"),
            ("user@bücher.example", "user@xn--bcher-kva.example"),
            ("user@BÜCHER.Example", "user@xn--bcher-kva.example"),
            ("user@xn--bcher-kva.example", "user@xn--bcher-kva.example"),
            ("user@XN--BCHER-KVA.EXAMPLE", "user@xn--bcher-kva.example"),
            ("info@münchen.de", "info@xn--mnchen-3ya.de"),
            ("jürgen@example.de", "jürgen@example.de"),
            ("Jürgen@Example.de", "Jürgen@example.de"),
            ("用户@例子.测试", "用户@xn--fsqu00a.xn--0zwm56d"),
            ("δοκιμή@example.gr", "δοκιμή@example.gr"),
            // UTS 46 maps full-width forms and the ideographic full stop.
            ("user@ｅｘａｍｐｌｅ.com", "user@example.com"),
            ("user@example。com", "user@example.com"),
        ];
        for (input, normalised) in cases {
            let address = ok(input);
            assert_eq!(address.as_str(), normalised, "input {input:?}");
            assert_eq!(address.to_string(), normalised);
            assert_eq!(address.as_ref(), normalised);
        }
    }

    #[test]
    fn parts_are_split_at_the_at_sign() {
        let address = ok("Anna.Maria+tag@Sub.Example.org");
        assert_eq!(address.local_part(), "Anna.Maria+tag");
        assert_eq!(address.domain(), "sub.example.org");
        let idn = ok("Jürgen@Bücher.example");
        assert_eq!(idn.local_part(), "Jürgen");
        assert_eq!(idn.domain(), "xn--bcher-kva.example");
    }

    #[test]
    fn key_ignores_case_but_equality_keeps_local_case() {
        let upper = ok("Anna@Example.COM");
        let lower = ok("anna@example.com");
        assert_eq!(upper.key(), "anna@example.com");
        assert_eq!(upper.key(), lower.key());
        assert_ne!(upper, lower, "the local part keeps its case");
        assert_eq!(ok("anna@EXAMPLE.com"), lower, "the domain is case-insensitive");
        assert_eq!(ok("JÜRGEN@example.de").key(), ok("jürgen@example.de").key());
        assert_eq!(ok("user@BÜCHER.example").key(), ok("user@bücher.example").key());
        assert_ne!(ok("anna@example.com").key(), ok("anna@example.org").key());
    }

    #[test]
    fn empty_and_missing_at() {
        assert_eq!(err(""), EmailError::Empty);
        assert_eq!(err("   \t\n"), EmailError::Empty);
        assert_eq!(err("anna.example.com"), EmailError::MissingAt);
        assert_eq!(err("anna"), EmailError::MissingAt);
        assert_eq!(err("anna＠example.com"), EmailError::MissingAt);
    }

    #[test]
    fn local_part_rules() {
        assert_eq!(err("@example.com"), EmailError::EmptyLocalPart);
        local_err(".anna@example.com");
        local_err("anna.@example.com");
        local_err("an..na@example.com");
        local_err("a...b@example.com");
        local_err(".@example.com");
        local_err("a,b@example.com");
        local_err("a(comment)b@example.com");
        local_err("a\\b@example.com");
        local_err("a[b]@example.com");
        local_err("a<b>@example.com");
        local_err("a;b@example.com");
        local_err("a:b@example.com");
        local_err("a\"b@example.com");
        local_err("a@b@example.com");
    }

    #[test]
    fn quoted_local_parts_and_ip_literals_are_refused_clearly() {
        let cases: [(EmailError, &[&str]); 2] = [
            (
                EmailError::QuotedLocalPart,
                &["\"john\"@example.com", "\"john doe\"@example.com", "\"a@b\"@example.com"],
            ),
            (
                EmailError::IpLiteral,
                &[
                    "user@[192.0.2.1]",
                    "user@[IPv6:2001:db8::1]",
                    "user@192.0.2.1",
                    "user@[example.com]",
                ],
            ),
        ];
        for (expected, inputs) in cases {
            for input in inputs {
                assert_eq!(err(input), expected, "{input:?}");
            }
        }
        assert!(err("\"x\"@example.com").to_string().contains("not supported"));
        assert!(err("user@[192.0.2.1]").to_string().contains("IP address"));
    }

    #[test]
    fn local_part_length_limit_is_64_octets() {
        let max = "a".repeat(64);
        assert_eq!(ok(&format!("{max}@example.com")).local_part(), max);
        assert_eq!(err(&format!("{}@example.com", "a".repeat(65))), EmailError::LocalPartTooLong);
        // Octets, not characters: 32 two-byte letters fit, 33 do not.
        assert!(EmailAddress::parse(&format!("{}@example.com", "ü".repeat(32))).is_ok());
        assert_eq!(err(&format!("{}@example.com", "ü".repeat(33))), EmailError::LocalPartTooLong);
    }

    #[test]
    fn whitespace_controls_and_invisibles_are_rejected() {
        for input in [
            "an na@example.com",
            "anna @example.com",
            "anna@ example.com",
            "anna@exa mple.com",
            "anna\t@example.com",
            "an\u{0}na@example.com",
            "an\u{7f}na@example.com",
            "an\u{85}na@example.com",
            "anna\u{a0}x@example.com",
            "an\u{200B}na@example.com",
            "an\u{200D}na@example.com",
            "anna\u{202E}moc@example.com",
            "an\u{2066}na@example.com",
            "an\u{FEFF}na@example.com",
            "an\u{AD}na@example.com",
            "an\u{FFFD}na@example.com",
            "anna@exam\u{AD}ple.com",
            "anna@example.com\u{200B}",
            "anna@exam\nple.com",
        ] {
            assert_eq!(err(input), EmailError::ForbiddenCharacter, "{input:?}");
        }
    }

    #[test]
    fn domain_needs_two_labels() {
        domain_err("user@localhost");
        domain_err("user@LOCALHOST");
        domain_err("user@com");
        domain_err("user@");
    }

    #[test]
    fn domain_label_rules() {
        domain_err("user@example..com");
        domain_err("user@.example.com");
        domain_err("user@example.com.");
        domain_err("user@-example.com");
        domain_err("user@example-.com");
        domain_err("user@sub.-x.com");
        domain_err("user@exa_mple.com");
        domain_err("user@exa%mple.com");
        domain_err("user@exa!mple.com");
        domain_err("user@exa/mple.com");
        domain_err("user@example.123");
        domain_err("user@1.2.3");
        domain_err("user@::1");
    }

    #[test]
    fn domain_label_length_limit_is_63() {
        let label63 = "a".repeat(63);
        assert_eq!(ok(&format!("user@{label63}.example")).domain(), format!("{label63}.example"));
        domain_err(&format!("user@{}.example", "a".repeat(64)));
    }

    #[test]
    fn invalid_punycode_is_rejected() {
        domain_err("user@xn--.example");
        domain_err("user@xn--ls8h-.example");
    }

    #[test]
    fn overall_and_domain_length_limits() {
        // A 252-character domain made of 63-character labels.
        let domain252 =
            format!("{}.{}.{}.{}", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(60));
        assert_eq!(domain252.len(), 252);
        let longest = format!("x@{domain252}");
        assert_eq!(longest.len(), 254);
        assert_eq!(ok(&longest).as_str(), longest);

        let domain253 = format!("{domain252}d");
        assert_eq!(err(&format!("x@{domain253}")), EmailError::TooLong);

        let domain254 = format!("{domain252}dd");
        domain_err(&format!("x@{domain254}"));

        let local64 = "l".repeat(64);
        assert_eq!(err(&format!("{local64}@{domain252}")), EmailError::TooLong);

        // Punycode can be longer than the UTF-8 input; the limits apply to the stored form.
        let label = format!("{}ü", "a".repeat(58));
        assert!(label.len() < 63);
        domain_err(&format!("x@{label}.example"));
    }

    #[test]
    fn huge_input_is_rejected_cheaply() {
        let huge = format!("{}@example.com", "a".repeat(5_000_000));
        assert_eq!(err(&huge), EmailError::TooLong);
        let huge_domain = format!("a@{}.com", "ü".repeat(5_000_000));
        assert_eq!(err(&huge_domain), EmailError::TooLong);
    }

    #[test]
    fn messages_never_echo_the_address() {
        let inputs = [
            "zorro",
            "zorro@",
            "zorro@hidalgo",
            ".zorro@hidalgo.es",
            "zor ro@hidalgo.es",
            "\"zorro\"@hidalgo.es",
            "zorro@[10.0.0.1]",
            "zorro@hidalgo..es",
            "zorro@hidalgo.es.",
            "zorro@hi_dalgo.es",
            &format!("{}zorro@hidalgo.es", "z".repeat(64)),
            &format!("zorro@{}.hidalgo.es", "h".repeat(300)),
        ];
        for input in inputs {
            let message = err(input).to_string();
            assert!(!message.contains("zorro"), "{input:?}: {message}");
            assert!(!message.contains("hidalgo"), "{input:?}: {message}");
            assert!(message.len() > 20, "message should explain: {message}");
        }
    }

    #[test]
    fn error_messages_read_as_sentences() {
        assert_eq!(
            err("user@localhost").to_string(),
            "the domain of the e-mail address needs at least one dot, like example.org; local host names cannot receive newsletters"
        );
        assert_eq!(
            err("a..b@example.com").to_string(),
            "the part of the e-mail address before the '@' must not contain two dots in a row"
        );
        assert_eq!(err("").to_string(), "the e-mail address is empty");
    }

    #[test]
    fn normalised_form_reparses_to_itself() {
        for input in [
            "Anna@Example.COM",
            "user@bücher.example",
            "用户@例子.测试",
            "user@ｅｘａｍｐｌｅ.com",
            " x+y@a.b.c.example ",
        ] {
            let first = ok(input);
            let second = ok(first.as_str());
            assert_eq!(first, second);
            assert_eq!(first.as_str(), second.as_str());
        }
    }

    #[test]
    fn from_str_matches_parse() {
        let parsed: EmailAddress = "Anna@Example.com".parse().expect("valid");
        assert_eq!(parsed, ok("Anna@Example.com"));
        assert_eq!("nope".parse::<EmailAddress>(), Err(EmailError::MissingAt));
        assert_eq!(ok("a@example.com").into_string(), "a@example.com");
    }

    #[test]
    fn serde_round_trip_and_validation() {
        let address = ok("Anna@Bücher.example");
        let json = serde_json::to_string(&address).expect("serialise");
        assert_eq!(json, "\"Anna@xn--bcher-kva.example\"");
        let back: EmailAddress = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, address);

        let normalised: EmailAddress =
            serde_json::from_str("\" anna@EXAMPLE.com \"").expect("deserialise and normalise");
        assert_eq!(normalised.as_str(), "anna@example.com");
        let owned: EmailAddress =
            serde_json::from_value(serde_json::Value::String("a@example.com".into()))
                .expect("owned string");
        assert_eq!(owned.as_str(), "a@example.com");

        let rejected = serde_json::from_str::<EmailAddress>("\"zorro@localhost\"")
            .expect_err("single-label domain");
        let message = rejected.to_string();
        assert!(message.contains("needs at least one dot"), "{message}");
        assert!(!message.contains("zorro"), "{message}");
        assert!(serde_json::from_str::<EmailAddress>("17").is_err());
    }

    #[test]
    fn deliverable_addresses_have_an_ascii_local_part() {
        for input in
            ["zoë@example.org", "Jürgen@example.de", "用户@例子.测试", "\u{430}nna@example.org"]
        {
            assert!(EmailAddress::parse(input).is_ok(), "{input:?} stays parseable when stored");
            assert_eq!(
                EmailAddress::parse_deliverable(input),
                Err(EmailError::NonAsciiLocalPart),
                "{input:?}"
            );
        }
        // International domain names stay allowed; they go out as punycode.
        let idn = EmailAddress::parse_deliverable("zoe@bücher.example").expect("IDN domain");
        assert_eq!(idn.as_str(), "zoe@xn--bcher-kva.example");
        assert!(EmailAddress::parse_deliverable("first.last+news@example.org").is_ok());
        // Other problems keep their own error.
        assert_eq!(EmailAddress::parse_deliverable("zoë"), Err(EmailError::MissingAt));
        let message = EmailError::NonAsciiLocalPart.to_string();
        assert!(message.contains("ASCII") && message.contains("{ | }"), "{message}");
    }

    #[test]
    fn mixed_scripts_are_found_in_the_local_part_and_in_each_label() {
        for input in [
            "\u{430}nna@example.org", // Cyrillic а in a Latin name
            "ann\u{3b1}@example.org", // Greek α
            "p\u{430}ypal.support@example.org",
            "\u{43f}\u{440}\u{438}\u{432}\u{435}\u{442}\u{3bc}@example.org", // Cyrillic with Greek μ
            "anna@\u{430}pple.com",  // Cyrillic а in a Latin label
            "anna@xn--pple-43d.com", // the same label, typed as punycode
            "anna@sub.xn--pple-43d.example",
            "Jürgen\u{430}@example.de", // Latin with diacritics counts as Latin
        ] {
            assert!(ok(input).mixed_script(), "{input:?} should be flagged");
        }
        for input in [
            "anna@example.org",
            "jürgen.müller@bücher.example",
            "\u{430}\u{43d}\u{43d}\u{430}@example.org", // all Cyrillic
            "δοκιμή@example.gr",
            "anna@\u{43f}\u{440}\u{438}\u{43c}\u{435}\u{440}.com", // Cyrillic label, Latin TLD
            "anna@xn--e1afmkfd.xn--p1ai",                          // пример.рф
            "用户@例子.测试",
            "user1@123.example",
        ] {
            assert!(!ok(input).mixed_script(), "{input:?} should not be flagged");
        }
        assert!(mixes_scripts("ab\u{3b3}"));
        assert!(!mixes_scripts("123-\u{3b3}\u{3b4}"));
        assert!(!mixes_scripts(""));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn parse_never_panics_and_accepted_input_reparses(input in any::<String>()) {
                if let Ok(address) = EmailAddress::parse(&input) {
                    prop_assert_eq!(EmailAddress::parse(address.as_str()), Ok(address.clone()));
                }
            }

            #[test]
            fn parse_never_panics_on_address_shaped_input(
                input in "[ a-zA-Z0-9.@\\[\\]\"_-]{0,40}|[\\PC]{0,10}@[\\PC]{0,20}",
            ) {
                if let Ok(address) = EmailAddress::parse(&input) {
                    prop_assert_eq!(EmailAddress::parse(address.as_str()), Ok(address.clone()));
                    prop_assert_eq!(address.key(), address.as_str().to_lowercase());
                }
            }

            #[test]
            fn plausible_addresses_parse_and_round_trip(
                local in "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,20}(\\.[a-zA-Z0-9_+-]{1,10}){0,2}",
                domain in "[a-zA-Z0-9]{1,15}(-[a-zA-Z0-9]{1,5})?(\\.[a-zA-Z0-9]{1,10}){0,2}\\.[a-zA-Z]{2,6}",
            ) {
                let input = format!("{local}@{domain}");
                let address = EmailAddress::parse(&input)
                    .map_err(|err| TestCaseError::fail(format!("{input:?}: {err}")))?;
                prop_assert_eq!(address.local_part(), local.as_str());
                prop_assert_eq!(address.domain(), domain.to_ascii_lowercase());
                prop_assert_eq!(EmailAddress::parse(address.as_str()), Ok(address.clone()));
                prop_assert_eq!(
                    EmailAddress::parse(&input.to_uppercase()).map(|a| a.key()),
                    Ok(address.key())
                );
            }
        }
    }
}
