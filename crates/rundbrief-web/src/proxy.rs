//! The client's address behind a reverse proxy (`RUNDBRIEF_TRUSTED_PROXIES`).
//!
//! A proxy's forwarding headers are believed only when the TCP peer is one of the configured
//! proxies: otherwise anyone could name any address and escape the per-client rate limits or
//! write a false address into the consent log. Behind trusted proxies the client is the
//! right-most address of the chain that is not itself a trusted proxy: addresses further left
//! were written by the client, and only the hops we trust vouch for the one they received the
//! request from.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// Networks whose `Forwarded` / `X-Forwarded-For` headers name the client; empty = none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses CIDR networks (`10.0.0.0/8`, `fd00::/8`) or single addresses (`127.0.0.1`).
    pub fn parse<S: AsRef<str>>(items: &[S]) -> Result<Self, String> {
        items
            .iter()
            .map(|item| {
                let item = item.as_ref().trim();
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| format!("'{item}' is not an address or a network like 10.0.0.0/8"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request the TCP peer `peer` sent with `headers`.
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        // Most proxies write only one of the two headers and pass the other through as the
        // client sent it. So when both are there and name different clients, one of them is
        // the client's own invention and nothing says which: the proxy is the client then
        // (a client that writes the other header shares the proxy's rate limit, nobody else).
        let forwarded = forwarded_for(headers).map(|chain| self.walk(peer, &chain));
        let x_forwarded = self.walk(peer, &x_forwarded_for(headers));
        match forwarded {
            None => x_forwarded,
            Some(client) if headers.contains_key("x-forwarded-for") && client != x_forwarded => {
                peer
            }
            Some(client) => client,
        }
    }

    /// The right-most address of `chain` that is not a trusted proxy, from `peer` leftwards.
    fn walk(&self, peer: IpAddr, chain: &[Option<IpAddr>]) -> IpAddr {
        let mut client = peer;
        for hop in chain.iter().rev() {
            match hop {
                // An obfuscated or unknown hop: nothing further left can be vouched for.
                None => break,
                Some(ip) => {
                    client = ip.to_canonical();
                    if !self.trusts(client) {
                        break;
                    }
                }
            }
        }
        client
    }
}

/// The `for=` of every element of every `Forwarded` header, in order; `None` if there is none.
fn forwarded_for(headers: &HeaderMap) -> Option<Vec<Option<IpAddr>>> {
    let mut chain = Vec::new();
    let mut any = false;
    for value in headers.get_all("forwarded") {
        any = true;
        let Ok(value) = value.to_str() else { return Some(vec![None]) };
        for element in value.split(',') {
            let node = element.split(';').find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim().eq_ignore_ascii_case("for").then(|| value.trim())
            });
            // An element without `for=` is a hop that did not say whom it heard from:
            // skipping it would let the walk go on into what the client wrote.
            chain.push(node.and_then(parse_node));
        }
    }
    any.then_some(chain)
}

/// Every address of every `X-Forwarded-For` header, in order.
fn x_forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|value| match value.to_str() {
            Ok(value) => value.split(',').map(parse_node).collect(),
            Err(_) => vec![None],
        })
        .collect()
}

/// A node as RFC 7239 writes it (`192.0.2.1`, `"192.0.2.1:80"`, `"[2001:db8::1]:4711"`), or a
/// bare address as X-Forwarded-For does.
fn parse_node(node: &str) -> Option<IpAddr> {
    let node = node.trim().trim_matches('"');
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    let (host, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().expect("a header value"));
        }
        map
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let none = TrustedProxies::default();
        let h = headers(&[("x-forwarded-for", "203.0.113.9"), ("forwarded", "for=203.0.113.8")]);
        assert_eq!(none.client_ip(ip("127.0.0.1"), &h), ip("127.0.0.1"));
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let trusted = TrustedProxies::parse(&["10.0.0.0/8"]).expect("valid");
        let h = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(trusted.client_ip(ip("192.0.2.1"), &h), ip("192.0.2.1"));
    }

    #[test]
    fn the_right_most_untrusted_address_is_the_client() {
        let trusted = TrustedProxies::parse(&["10.0.0.0/8", "127.0.0.1"]).expect("valid");
        // The client wrote 198.51.100.1 itself; 203.0.113.9 reached the first trusted proxy.
        let h = headers(&[("x-forwarded-for", "198.51.100.1, 203.0.113.9, 10.1.2.3")]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &h), ip("203.0.113.9"));
        let split =
            headers(&[("x-forwarded-for", "198.51.100.1"), ("x-forwarded-for", "10.0.0.2")]);
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), &split), ip("198.51.100.1"));
        assert_eq!(trusted.client_ip(ip("::ffff:127.0.0.1"), &h), ip("203.0.113.9"));
        // No header: the proxy itself.
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), &HeaderMap::new()), ip("10.0.0.1"));
        // Garbage stops the walk at the last hop that was vouched for.
        let junk = headers(&[("x-forwarded-for", "203.0.113.9, nonsense, 10.0.0.7")]);
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), &junk), ip("10.0.0.7"));
    }

    #[test]
    fn rfc_7239_forwarded_is_read() {
        let trusted = TrustedProxies::parse(&["127.0.0.0/8"]).expect("valid");
        let h = headers(&[(
            "forwarded",
            "for=192.0.2.43;proto=https, For=\"[2001:db8:cafe::17]:4711\"",
        )]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &h), ip("2001:db8:cafe::17"));
        let port = headers(&[("forwarded", "for=\"192.0.2.43:8080\";by=10.0.0.1")]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &port), ip("192.0.2.43"));
        let hidden = headers(&[("forwarded", "for=_hidden")]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &hidden), ip("127.0.0.1"));
    }

    #[test]
    fn a_forwarded_element_without_for_ends_the_walk() {
        let trusted = TrustedProxies::parse(&["127.0.0.0/8"]).expect("valid");
        let h = headers(&[("forwarded", "for=198.51.100.77"), ("forwarded", "proto=https")]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &h), ip("127.0.0.1"));
    }

    #[test]
    fn a_header_the_proxy_passed_through_names_no_client() {
        let trusted = TrustedProxies::parse(&["127.0.0.0/8"]).expect("valid");
        // nginx appends X-Forwarded-For and passes the client's own Forwarded through: a
        // client that wrote a new address in it at each request escaped every rate limit.
        let forged = headers(&[
            ("forwarded", "for=198.51.100.77"),
            ("x-forwarded-for", "198.51.100.77, 203.0.113.9"),
        ]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &forged), ip("127.0.0.1"));
        // The other way round: the proxy writes Forwarded, the client X-Forwarded-For.
        let forged =
            headers(&[("forwarded", "for=203.0.113.9"), ("x-forwarded-for", "198.51.100.77")]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &forged), ip("127.0.0.1"));
        // A proxy that writes both names the same client in each.
        let both = headers(&[
            ("forwarded", "for=198.51.100.77, for=203.0.113.9"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(trusted.client_ip(ip("127.0.0.1"), &both), ip("203.0.113.9"));
    }

    #[test]
    fn settings_are_checked() {
        let parsed = TrustedProxies::parse(&["10.1.2.3/8", "::1", " fd00::/8 "]).expect("valid");
        assert!(parsed.trusts(ip("10.200.0.1")), "host bits are dropped");
        assert!(parsed.trusts(ip("::1")) && parsed.trusts(ip("fd12::1")));
        assert!(TrustedProxies::parse(&["10.0.0.0/33"]).is_err());
        assert!(TrustedProxies::parse(&["proxy.example.org"]).is_err());
    }
}
