//! The header-like blocks of the machine-readable report parts: `message/delivery-status`
//! (RFC 3464: one block for the message, then one per recipient) and
//! `message/feedback-report` (RFC 5965: one block). mail-parser hands these parts over as
//! bytes; their syntax is header fields separated by blank lines, read here.

/// One block of fields, names kept as written, values unfolded and trimmed.
#[derive(Debug, Default)]
pub(crate) struct Block {
    fields: Vec<(String, String)>,
}

impl Block {
    /// The first value of the field `name` (case-insensitive).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every value of the field `name`.
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Splits `text` into blocks at blank lines. Continuation lines (starting with white space)
/// are joined to the field before them; lines that are not fields are skipped, so a report
/// some server wrote loosely still yields the fields it has.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current = Block::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = current.fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            let name = name.trim();
            if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                current.fields.push((name.to_owned(), value.trim().to_owned()));
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_unfold_and_split() {
        let text = "Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; a@example.net\r\nAction: failed\r\nDiagnostic-Code: smtp; 550 5.1.1 user\r\n    unknown\r\n\r\n\r\nFinal-Recipient: rfc822; b@example.net\nAction: delayed\n";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].get("reporting-mta"), Some("dns; mx.example.org"));
        assert_eq!(b[1].get("Diagnostic-Code"), Some("smtp; 550 5.1.1 user unknown"));
        assert_eq!(b[2].get("action"), Some("delayed"));
        assert_eq!(b[2].all("Final-Recipient").count(), 1);
    }
}
