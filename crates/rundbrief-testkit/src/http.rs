//! A deliberately small HTTP/1.1 client: one request per connection, any bytes allowed, so
//! tests can send what a browser, a mail client or an attacker would.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// (name, value) pairs of request headers, sent in this order.
pub type Headers<'a> = &'a [(&'a str, &'a str)];

/// Sends one request to `base` (`http://host:port`) and reads the whole response.
pub fn request(base: &str, method: &str, path: &str, headers: Headers, body: &[u8]) -> Response {
    let host = host_of(base);
    let stream = TcpStream::connect(host).expect("connect");
    exchange(stream, host, method, path, headers, body)
}

/// [`request`] from the local address `source` (any port), so that a test can be several
/// clients: on Linux all of 127.0.0.0/8 is loopback, so `127.0.0.2` reaches a server on
/// `127.0.0.1` as another client IP.
pub fn request_from(
    source: IpAddr,
    base: &str,
    method: &str,
    path: &str,
    headers: Headers,
    body: &[u8],
) -> Response {
    let host = host_of(base);
    let stream = connect_from(source, host);
    exchange(stream, host, method, path, headers, body)
}

fn host_of(base: &str) -> &str {
    base.trim_start_matches("http://").trim_end_matches('/')
}

/// A blocking connection to `host` whose local end is bound to `source`. The standard library
/// cannot bind before connecting; Tokio's socket can, on a throwaway runtime.
fn connect_from(source: IpAddr, host: &str) -> TcpStream {
    let target = host
        .to_socket_addrs()
        .expect("resolve")
        .find(|a| a.is_ipv4() == source.is_ipv4())
        .unwrap_or_else(|| panic!("{host} has no address of the family of {source}"));
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_io().build().expect("runtime");
    let stream = runtime.block_on(async {
        let socket = if source.is_ipv4() {
            tokio::net::TcpSocket::new_v4()
        } else {
            tokio::net::TcpSocket::new_v6()
        }
        .expect("socket");
        socket.bind(SocketAddr::new(source, 0)).unwrap_or_else(|e| panic!("bind {source}: {e}"));
        socket.connect(target).await.expect("connect")
    });
    let stream = stream.into_std().expect("a std stream");
    stream.set_nonblocking(false).expect("blocking");
    stream
}

fn exchange(
    mut stream: TcpStream,
    host: &str,
    method: &str,
    path: &str,
    headers: Headers,
    body: &[u8],
) -> Response {
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    // The server may answer (413, 415) and close before reading everything; that is fine.
    let _ = stream.write_all(&bytes);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&raw).unwrap_or_else(|| panic!("malformed response: {}", String::from_utf8_lossy(&raw)))
}

pub fn get(base: &str, path: &str, headers: Headers) -> Response {
    request(base, "GET", path, headers, b"")
}

/// POST of an `application/x-www-form-urlencoded` body built from `fields`.
pub fn post_form(base: &str, path: &str, fields: &[(&str, &str)], headers: Headers) -> Response {
    let body = encode_form(fields);
    let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
    all.extend_from_slice(headers);
    request(base, "POST", path, &all, body.as_bytes())
}

pub fn encode_form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", percent(k), percent(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn parse(raw: &[u8]) -> Option<Response> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let rest = &raw[split + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked { dechunk(rest)? } else { rest.to_vec() };
    Some(Response { status, headers, body })
}

fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size =
            usize::from_str_radix(std::str::from_utf8(&rest[..end]).ok()?.trim(), 16).ok()?;
        rest = &rest[end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}
