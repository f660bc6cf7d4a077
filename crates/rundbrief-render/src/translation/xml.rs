//! Just enough XML for XLIFF: escaping for the writers and a small reader into a tree.
//! The reader handles what translation tools write: declarations, comments, CDATA, DOCTYPE
//! (skipped, never expanded), namespace prefixes (dropped: XLIFF elements are matched by local
//! name) and the predefined and numeric character references. It never fetches anything.

/// Text for element content or an attribute in either quotes; line breaks as references so
/// that an attribute keeps them. Control characters that XML 1.0 does not allow are dropped
/// (the reader refuses them). Also the archive's Atom feeds' escaping.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c if c.is_control() && !matches!(c, '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The local name, without a namespace prefix.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All text inside, codes left out.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

/// XLIFF needs about ten levels; codes nest a few more.
const MAX_DEPTH: usize = 64;

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_owned()
}

/// Parses a document into its root element.
pub fn parse(doc: &str) -> Result<Element, String> {
    let doc = doc.strip_prefix('\u{feff}').unwrap_or(doc);
    if let Some(at) = doc.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(format!("control character at byte {at}, which XML does not allow"));
    }
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut rest = doc;
    let mut offset = 0usize;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut stack, &unescape(rest)?);
            break;
        };
        if lt > 0 {
            push_text(&mut stack, &unescape(&rest[..lt])?);
        }
        let tag = &rest[lt..];
        let at = offset + lt;
        let consumed = if let Some(body) = tag.strip_prefix("<!--") {
            body.find("-->").ok_or(format!("comment at byte {at} is not closed"))? + 7
        } else if let Some(body) = tag.strip_prefix("<![CDATA[") {
            let end = body.find("]]>").ok_or(format!("CDATA at byte {at} is not closed"))?;
            push_text(&mut stack, &body[..end]);
            end + 12
        } else if tag.starts_with("<?") {
            tag.find("?>").ok_or(format!("declaration at byte {at} is not closed"))? + 2
        } else if tag.starts_with("<!") {
            tag.find('>').ok_or(format!("declaration at byte {at} is not closed"))? + 1
        } else if let Some(body) = tag.strip_prefix("</") {
            let end = body.find('>').ok_or(format!("end tag at byte {at} is not closed"))?;
            let name = local(body[..end].trim());
            let open = stack.pop().ok_or("unbalanced end tag")?;
            if open.name != name || stack.is_empty() {
                return Err(format!(
                    "end tag </{name}> at byte {at} does not close <{}>",
                    open.name
                ));
            }
            if let Some(parent) = stack.last_mut() {
                parent.children.push(Node::Element(open));
            }
            end + 3
        } else {
            let (element, len, empty) = start_tag(tag).map_err(|e| format!("{e} at byte {at}"))?;
            if empty {
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Node::Element(element));
                }
            } else {
                // The readers above walk the tree recursively; a file nested deeper than any
                // XLIFF needs is refused rather than risking the stack.
                if stack.len() > MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH} at byte {at}"));
                }
                stack.push(element);
            }
            len
        };
        rest = rest.get(lt + consumed..).unwrap_or_default();
        offset += lt + consumed;
    }
    if stack.len() != 1 {
        return Err("the document ends inside an element".to_owned());
    }
    stack
        .pop()
        .and_then(|doc| {
            doc.children.into_iter().find_map(|n| match n {
                Node::Element(e) => Some(e),
                Node::Text(_) => None,
            })
        })
        .ok_or_else(|| "no root element".to_owned())
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Node::Text(last)) = parent.children.last_mut() {
            last.push_str(text);
        } else {
            parent.children.push(Node::Text(text.to_owned()));
        }
    }
}

/// `<name a="v" b='w'>` or `<name/>`: the element, the tag's length, whether it is empty.
fn start_tag(tag: &str) -> Result<(Element, usize, bool), String> {
    let bytes = tag.as_bytes();
    let mut i = 1;
    let name_end = tag[1..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .map(|n| n + 1)
        .ok_or("tag is not closed")?;
    let mut element = Element { name: local(&tag[1..name_end]), ..Element::default() };
    i = i.max(name_end);
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err("tag is not closed".to_owned()),
            Some(b'>') => return Ok((element, i + 1, false)),
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => return Ok((element, i + 2, true)),
            Some(_) => {
                let eq = tag[i..].find('=').ok_or("attribute without a value")? + i;
                let name = tag[i..eq].trim();
                let mut j = eq + 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                let quote = *bytes.get(j).ok_or("attribute without a value")?;
                if quote != b'"' && quote != b'\'' {
                    return Err("attribute value without quotes".to_owned());
                }
                let close =
                    tag[j + 1..].find(quote as char).ok_or("attribute value is not closed")?
                        + j
                        + 1;
                if !name.starts_with("xmlns") {
                    element.attrs.push((local(name), unescape(&tag[j + 1..close])?));
                }
                i = close + 1;
            }
        }
    }
}

fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..].find(';').ok_or("'&' without ';'")? + amp;
        let name = &rest[amp + 1..semi];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) =
                    name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                // XML 1.0 allows no other control characters, even as references; a NUL
                // would also be refused by PostgreSQL's TEXT when the import is saved.
                code.and_then(char::from_u32)
                    .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
                    .ok_or_else(|| format!("unknown entity &{name};"))?
            }
        };
        out.push(c);
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_prefixes_entities_cdata_and_comments() {
        let doc = "<?xml version=\"1.0\"?><!-- x --><x:a xmlns:x=\"u\" b='1 &amp; 2'>t&lt;<![CDATA[<c>]]><d/>&#x41;</x:a>";
        let root = parse(doc).unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("b"), Some("1 & 2"));
        assert_eq!(root.text(), "t<<c>A");
        assert!(root.child("d").is_some());
        assert!(parse("<a><b></a>").is_err());
        let deep = format!("{}{}", "<g>".repeat(100_000), "</g>".repeat(100_000));
        assert!(parse(&deep).unwrap_err().contains("nested deeper"));
    }

    #[test]
    fn hostile_input_is_refused_or_read_without_panicking() {
        assert!(parse("<a>&#0;</a>").is_err(), "a NUL is no XML character");
        assert!(parse("<a b='&#x1b;'/>").is_err());
        assert!(parse("<a>x\0y</a>").is_err());
        assert!(parse("<a><![CDATA[\u{7}]]></a>").is_err());
        assert_eq!(parse("<a>&#9;&#10;&#xD;</a>").expect("allowed").text(), "\t\n\r");
        let bomb = "<!DOCTYPE a [<!ENTITY x \"xx\"><!ENTITY y \"&x;&x;\">]><a>&y;</a>";
        assert!(parse(bomb).is_err(), "no entity is defined by a DTD");
        let hostile = [
            "",
            "<",
            "<>",
            "</>",
            "<a",
            "<a b",
            "<a b=",
            "<a b='",
            "<a b=x>",
            "&",
            "&;",
            "&#;",
            "&#x110000;",
            "<!--",
            "<![CDATA[",
            "<?",
            "<!",
            "<a>\u{3000}</a>",
            "<a\u{3000}b='1'/>",
            "<é ü='ö'/>",
            "</a>",
            "<a></b>",
            "<a/><b/>",
            "]]>",
            "<a>&#xFFFFFFFFF;</a>",
        ];
        for doc in hostile {
            let _ = parse(doc);
        }
        let doc = "<?xml version=\"1.0\"?><x:a xmlns:x=\"u\" b='1 &amp; 2'>t<![CDATA[c]]><d e=\"é\"/></x:a>";
        for end in (0..=doc.len()).filter(|&n| doc.is_char_boundary(n)) {
            let _ = parse(&doc[..end]);
            let _ = parse(&doc[end..]);
        }
        let wide = format!("<a b='{}'/>", "x".repeat(5_000_000));
        assert_eq!(parse(&wide).expect("one attribute").attr("b").map(str::len), Some(5_000_000));
    }
}
