//! Writing a subscriber's value into each kind of spot. These run once per slot per mail, so
//! they copy unchanged runs in one go instead of pushing character by character.

/// For HTML text and double-quoted attribute values alike: the five characters that could end
/// a text run or an attribute value.
pub(crate) fn html_into(out: &mut String, value: &str) {
    let mut last = 0;
    for (i, b) in value.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&value[last..i]);
        out.push_str(replacement);
        last = i + 1;
    }
    out.push_str(&value[last..]);
}

/// Inside a URL, after its start: everything but RFC 3986 unreserved characters and `@` is
/// percent-encoded, so a value can neither change the scheme nor break out of the attribute.
/// `@` stays readable because `mailto:{{ email }}` is the common case and it is a valid pchar.
pub(crate) fn url_component_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut last = 0;
    for (i, b) in value.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            continue;
        }
        // Every non-ASCII byte is encoded, so a non-empty unencoded run is ASCII and both of
        // its ends are character boundaries.
        if last < i {
            out.push_str(&value[last..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
        last = i + 1;
    }
    out.push_str(&value[last..]);
}

/// For the subject: a line break in a name must not end the header line; the mail crate does
/// the RFC 2047 encoding.
pub(crate) fn header_into(out: &mut String, value: &str) {
    if !value.chars().any(char::is_control) {
        out.push_str(value);
        return;
    }
    out.extend(value.chars().map(|c| if c.is_control() { ' ' } else { c }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html() {
        let mut s = String::new();
        html_into(&mut s, r#"<b>"Ä" & 'ö'</b>"#);
        assert_eq!(s, "&lt;b&gt;&quot;Ä&quot; &amp; &#39;ö&#39;&lt;/b&gt;");
    }

    #[test]
    fn url_component() {
        let mut s = String::new();
        url_component_into(&mut s, "javascript:alert(1) Zoë@x.eu");
        assert_eq!(s, "javascript%3Aalert%281%29%20Zo%C3%AB@x.eu");
    }

    #[test]
    fn header() {
        let mut s = String::new();
        header_into(&mut s, "Anna\r\nBcc: x");
        assert_eq!(s, "Anna  Bcc: x");
    }
}
