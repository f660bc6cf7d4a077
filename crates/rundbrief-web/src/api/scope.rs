//! What a token's scope allows, decided in one place for every route of the API: the token
//! layer (`require_token` in `api/mod.rs`) asks [`needed`] before any handler runs.
//!
//! - `read`: GET and HEAD.
//! - `write`: any other method on a route that changes data (subscribers, subscriptions,
//!   lists, issues, variants, imports).
//! - `send`: the routes in [`super::sending::SEND_ROUTES`] (send, schedule, pause, resume,
//!   cancel, test mail).
//!
//! A request that matched no route (404, or 405 for a method the path lacks) needs only
//! `read`: it changes nothing, and its answer should say what is wrong with it, not the scope.

use axum::http::Method;
use rundbrief_core::model::TokenScope;

use super::sending::SEND_ROUTES;

/// The scope a request with `method` needs on the route `route` (the matched path's
/// pattern, e.g. `/api/v1/issues/{id}/send`; `None` when no route matched).
pub(crate) fn needed(method: &Method, route: Option<&str>) -> TokenScope {
    if method == Method::GET || method == Method::HEAD {
        return TokenScope::Read;
    }
    match route {
        None => TokenScope::Read,
        Some(route) if is_send_route(route) => TokenScope::Send,
        Some(_) => TokenScope::Write,
    }
}

/// Whether the pattern is one of the sending routes, nested under `/api/v1` or not.
pub(crate) fn is_send_route(route: &str) -> bool {
    let route = route.strip_prefix("/api/v1").unwrap_or(route);
    SEND_ROUTES.contains(&route)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_sends_need_their_scopes() {
        let send = Some("/api/v1/issues/{id}/send");
        let create = Some("/api/v1/subscribers");
        assert_eq!(needed(&Method::GET, send), TokenScope::Read);
        assert_eq!(needed(&Method::HEAD, create), TokenScope::Read);
        assert_eq!(needed(&Method::POST, create), TokenScope::Write);
        assert_eq!(needed(&Method::DELETE, Some("/api/v1/issues/{id}")), TokenScope::Write);
        assert_eq!(needed(&Method::PUT, Some("/issues/{id}/variants/{lang}")), TokenScope::Write);
        for route in SEND_ROUTES {
            assert_eq!(needed(&Method::POST, Some(&format!("/api/v1{route}"))), TokenScope::Send);
        }
        assert_eq!(needed(&Method::POST, Some("/api/v1/issues/{id}/progress")), TokenScope::Write);
        assert_eq!(needed(&Method::POST, None), TokenScope::Read);
    }
}
