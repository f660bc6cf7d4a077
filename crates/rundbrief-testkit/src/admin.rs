//! The editor UI as a browser without script drives it: accounts from the CLI, a cookie jar,
//! and forms sent with their CSRF token.

use std::process::Output;

use crate::{Response, TestApp};

/// The password every test account gets; long enough for the CLI's check.
pub const PASSWORD: &str = "correct horse battery staple";

/// Creates an account through `rundbrief user create`; the output, so a test can check refusals.
pub fn create_user(app: &TestApp, email: &str, role: &str, password: &str) -> Output {
    app.command_with_env(
        &["user", "create", "--email", email, "--role", role],
        &[("RUNDBRIEF_USER_PASSWORD", password)],
    )
}

/// Creates an account with [`PASSWORD`] that must succeed.
pub fn create_ok(app: &TestApp, email: &str, role: &str) {
    let output = create_user(app, email, role, PASSWORD);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// The CSRF token of the (first) form on a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start =
        html.find(marker).unwrap_or_else(|| panic!("no CSRF field in:\n{html}")) + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// The cookies a browser keeps for the site; a cookie set with `Max-Age=0` is dropped.
#[derive(Debug, Default, Clone)]
pub struct Jar(Vec<(String, String)>);

impl Jar {
    pub fn absorb(&mut self, response: &Response) {
        for (name, value) in &response.headers {
            if !name.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            let pair = value.split(';').next().unwrap_or_default();
            let (key, val) = pair.split_once('=').unwrap();
            self.0.retain(|(k, _)| k != key);
            if !value.contains("Max-Age=0") {
                self.0.push((key.to_owned(), val.to_owned()));
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn header(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    /// Sends `fields` as a form with the jar's cookies and keeps what the answer sets.
    pub fn send(
        &mut self,
        app: &TestApp,
        method: &str,
        path: &str,
        fields: &[(&str, &str)],
        extra_headers: &[(&str, &str)],
    ) -> Response {
        let cookie = self.header();
        let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
        headers.extend_from_slice(extra_headers);
        if !cookie.is_empty() {
            headers.push(("Cookie", cookie.as_str()));
        }
        let body = crate::http::encode_form(fields);
        let response = app.request(method, path, &headers, body.as_bytes());
        self.absorb(&response);
        response
    }
}

/// A browser on the editor UI: its cookies, and headers it sends with every request.
pub struct AdminSession<'a> {
    pub app: &'a TestApp,
    pub jar: Jar,
    headers: Vec<(&'static str, &'static str)>,
}

impl<'a> AdminSession<'a> {
    /// A browser that has not signed in yet.
    pub fn new(app: &'a TestApp) -> Self {
        Self { app, jar: Jar::default(), headers: Vec::new() }
    }

    pub fn with_header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Signs in through the login form as an account with [`PASSWORD`]; it must work.
    pub fn sign_in(mut self, email: &str) -> Self {
        let response = self.submit(
            "/admin/login",
            "/admin/login",
            &[("email", email), ("password", PASSWORD)],
        );
        assert_eq!(response.status, 303, "{}", response.text());
        self
    }

    pub fn request(&mut self, method: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        self.jar.send(self.app, method, path, fields, &self.headers)
    }

    pub fn get(&mut self, path: &str) -> Response {
        self.request("GET", path, &[])
    }

    /// A page that must be there, as text.
    pub fn page(&mut self, path: &str) -> String {
        let response = self.get(path);
        assert_eq!(response.status, 200, "GET {path}: {}", response.text());
        response.text()
    }

    /// Posts `fields` with a CSRF token.
    pub fn post_with(&mut self, token: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut all = vec![("csrf_token", token)];
        all.extend_from_slice(fields);
        self.request("POST", path, &all)
    }

    /// Sends a form the way the page at `form_page` would, with its CSRF token.
    pub fn submit(&mut self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Response {
        let token = csrf_of(&self.page(form_page));
        self.post_with(&token, action, fields)
    }
}

/// A signed-in editor and the CSRF token of their session, for the forms of the editor UI.
pub struct Editor<'a> {
    pub session: AdminSession<'a>,
    csrf: String,
}

impl<'a> Editor<'a> {
    /// Creates the editor account `email` and signs it in.
    pub fn sign_in(app: &'a TestApp, email: &str) -> Self {
        create_ok(app, email, "editor");
        let mut session = AdminSession::new(app).sign_in(email);
        let csrf = csrf_of(&session.page("/admin/issues/new"));
        Self { session, csrf }
    }

    pub fn get(&mut self, path: &str) -> Response {
        self.session.get(path)
    }

    /// A page that must be there, as text.
    pub fn page(&mut self, path: &str) -> String {
        self.session.page(path)
    }

    /// Posts a form with the session's token; returns the response.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.session.post_with(&self.csrf, path, fields)
    }

    /// Posts and expects a redirect; returns where to.
    pub fn post_ok(&mut self, path: &str, fields: &[(&str, &str)]) -> String {
        let response = self.post(path, fields);
        assert_eq!(response.status, 303, "POST {path}: {}", response.text());
        response.header("location").unwrap().to_owned()
    }
}
