//! The HTTP/1.1 server: a hand-written accept loop over hyper, so that every connection is
//! counted, timed and, under pressure, shed.
//!
//! What a client can hold, and for how long ([`ServerLimits`]):
//!
//! - **Request headers** must arrive within `header_read_timeout` (10 s) of the connection
//!   opening, or of the first byte of a later request on a kept-alive connection.
//! - **Request bodies** may pause at most `body_read_timeout` (30 s) between two reads.
//! - **Idle keep-alive** connections (no request in flight, no byte of a next one) are closed
//!   after `idle_timeout` (60 s).
//! - **Connections** are capped overall (`max_connections`, and never more than the process's
//!   file-descriptor limit allows) and per client IP (`max_connections_per_ip`).
//!
//! The header and idle timeouts are enforced here rather than with hyper's
//! `header_read_timeout`: hyper starts that timer whenever it waits for a request head, so on a
//! kept-alive connection it would also be the idle timeout. Tracking a connection's phase
//! (see [`Phase`]) gives both their own value, and it is what the caps need as well.
//!
//! Why connections are evicted rather than refused when a cap is reached: a slow-loris client
//! opens many connections and sends its headers a byte at a time. If a full server refused new
//! connections, such a client would lock everyone else out for as long as its connections live,
//! and connections the process cannot even accept (file descriptors exhausted) would queue in
//! the kernel ahead of every legitimate one. So at a cap the new connection takes the place of
//! the one that has waited longest *without a request in flight*, connections still sending
//! their headers first, then idle keep-alive ones. Connections with a request in flight are
//! never evicted; when every connection is busy, the new one is closed at once. Legitimate
//! clients send their headers within milliseconds, so under a flood the evicted connections
//! are the flood's own. The per-IP cap keeps one address from pushing everyone else out; it
//! evicts among that address's connections only.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// How long clients may take and how many connections they may hold. The binary fills it from
/// `RUNDBRIEF_HTTP_*`; [`Default`] holds the documented defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// From accepting a connection (or the first byte of a later request on it) until the
    /// request's headers are complete.
    pub header_read_timeout: Duration,
    /// The longest pause while reading a request body.
    pub body_read_timeout: Duration,
    /// How long a kept-alive connection may wait for its next request.
    pub idle_timeout: Duration,
    /// Open connections overall; lowered at start to what the file-descriptor limit allows.
    pub max_connections: usize,
    /// Open connections per client IP; 0 = no per-IP cap (e.g. behind a reverse proxy, where
    /// every client has the proxy's address).
    pub max_connections_per_ip: usize,
    /// On shutdown, how long requests in flight may take to finish before they are dropped.
    pub shutdown_grace: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 1024,
            max_connections_per_ip: 64,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

impl ServerLimits {
    /// `max_connections` lowered so that connections cannot take the file descriptors the rest
    /// of the process needs (database, SMTP, outbox files): a quarter of the limit, at least 64,
    /// stays in reserve.
    fn fitted_to_fd_limit(mut self) -> Self {
        let soft = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
        if let Some(soft) = soft {
            let soft = usize::try_from(soft).unwrap_or(usize::MAX);
            let reserve = (soft / 4).max(64);
            let allowed = soft.saturating_sub(reserve).max(8);
            if allowed < self.max_connections {
                tracing::info!(
                    configured = self.max_connections,
                    allowed,
                    fd_limit = soft,
                    "HTTP connections capped below the file-descriptor limit"
                );
                self.max_connections = allowed;
            }
        }
        self.max_connections = self.max_connections.max(1);
        self
    }
}

/// Serves `router` on an already bound listener until `shutdown` completes, then stops
/// accepting, closes idle connections and lets requests in flight finish (at most
/// `limits.shutdown_grace`). Binding is the caller's job so tests can bind port 0 and read the
/// port. The peer address reaches handlers as `ConnectInfo<SocketAddr>` (rate limits, consent
/// records).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let limits = limits.fitted_to_fd_limit();
    let registry = Registry::new(limits);
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    // Our own phase tracking enforces the header timeout (see the module documentation).
    http.header_read_timeout(None);
    let mut tasks = JoinSet::new();
    let mut warned_at: Option<Instant> = None;
    let mut warn = |message: &str, error: Option<&io::Error>| {
        // A flood would otherwise write a line per connection.
        if warned_at.is_none_or(|at| at.elapsed() > Duration::from_secs(10)) {
            warned_at = Some(Instant::now());
            match error {
                Some(error) => tracing::warn!(%error, "{message}"),
                None => tracing::warn!("{message}"),
            }
        }
    };
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            Some(joined) = tasks.join_next(), if !tasks.is_empty() => {
                if let Err(error) = joined
                    && error.is_panic()
                {
                    tracing::error!(%error, "an HTTP connection task panicked");
                }
            }
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => match registry.admit(peer.ip()) {
                    Some(slot) => {
                        let task = connection(
                            stream,
                            peer,
                            slot,
                            router.clone(),
                            http.clone(),
                            limits,
                            stop_rx.clone(),
                        );
                        tasks.spawn(task);
                    }
                    None => {
                        // Dropping the stream closes it: every connection has a request in
                        // flight, so there is nothing to make room with.
                        warn("HTTP connection limit reached; refusing connections", None);
                    }
                },
                Err(error) if is_per_connection(&error) => {}
                Err(error) => {
                    // Out of file descriptors (EMFILE, ENFILE) or memory. Accepting again at
                    // once would spin; make room if a connection can give it, wait a moment,
                    // and go on: the loop must outlive the shortage.
                    warn("cannot accept HTTP connections; backing off", Some(&error));
                    let pause = if registry.evict_one() { 5 } else { 50 };
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                }
            },
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let drained = tokio::time::timeout(limits.shutdown_grace, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            connections = tasks.len(),
            "HTTP requests still running after the shutdown grace period; dropping them"
        );
        tasks.shutdown().await;
    }
    Ok(())
}

/// Errors that concern only the one connection being accepted; the next accept is fine.
fn is_per_connection(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::Interrupted
            | io::ErrorKind::WouldBlock
    )
}

/// Serves one connection until it ends, is evicted, times out, or the server stops.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    slot: Slot,
    router: Router,
    http: hyper::server::conn::http1::Builder,
    limits: ServerLimits,
    mut stop: watch::Receiver<bool>,
) {
    let conn = Arc::clone(&slot.conn);
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(Tracked { inner: stream, conn: Arc::clone(&conn) });
    let body_timeout = limits.body_read_timeout;
    let service_conn = Arc::clone(&conn);
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let in_flight = InFlight::begin(Arc::clone(&service_conn));
        let mut request = request.map(|body| Body::new(TimeoutBody::new(body_timeout, body)));
        request.extensions_mut().insert(ConnectInfo(peer));
        let router = router.clone();
        async move {
            let response = match router.oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            // The request counts as in flight until its response body is sent (or dropped),
            // so a long response such as the progress stream is never taken for idle.
            let response =
                response.map(|body| Body::new(Guarded { inner: body, _in_flight: in_flight }));
            Ok::<_, Infallible>(response)
        }
    });
    let served = http.serve_connection(io, service);
    tokio::pin!(served);
    let mut stopping = false;
    loop {
        let deadline = conn.deadline(&limits);
        tokio::select! {
            result = served.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%error, %peer, "HTTP connection ended with an error");
                }
                return;
            }
            () = conn.evicted.notified() => {
                tracing::debug!(%peer, "HTTP connection evicted to make room");
                return;
            }
            () = conn.changed.notified() => {}
            () = sleep_until(deadline) => {
                if conn.deadline(&limits).is_some_and(|d| d <= Instant::now()) {
                    tracing::debug!(%peer, "HTTP connection timed out waiting for a request");
                    return;
                }
            }
            _ = stop.changed(), if !stopping => {
                stopping = true;
                if !conn.busy() {
                    return;
                }
                // Finish the request in flight, answer with `Connection: close`, then end.
                served.as_mut().graceful_shutdown();
            }
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// Where a connection is between requests; decides its deadline and whether it may be evicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Accepted, or kept alive and the first byte of the next request arrived: headers due.
    Head,
    /// At least one request in flight (its body being read, or its response being written).
    Busy,
    /// Kept alive after a response, no byte of a next request yet.
    Idle,
}

#[derive(Debug)]
struct ConnState {
    phase: Phase,
    /// When the current phase began.
    since: Instant,
    in_flight: usize,
}

/// One open connection, shared by its task, its socket wrapper, its requests and the registry.
#[derive(Debug)]
struct Conn {
    id: u64,
    ip: IpAddr,
    state: Mutex<ConnState>,
    /// Tells the connection's task to close it now.
    evicted: Notify,
    /// Tells the task its deadline moved earlier (idle → head).
    changed: Notify,
}

impl Conn {
    fn state(&self) -> MutexGuard<'_, ConnState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn deadline(&self, limits: &ServerLimits) -> Option<Instant> {
        let state = self.state();
        match state.phase {
            Phase::Head => Some(state.since + limits.header_read_timeout),
            Phase::Idle => Some(state.since + limits.idle_timeout),
            Phase::Busy => None,
        }
    }

    fn busy(&self) -> bool {
        self.state().phase == Phase::Busy
    }

    /// Bytes arrived from the client.
    fn on_read(&self) {
        let mut state = self.state();
        if state.phase == Phase::Idle {
            state.phase = Phase::Head;
            state.since = Instant::now();
            drop(state);
            self.changed.notify_one();
        }
    }
}

/// Marks a request in flight on its connection until dropped.
struct InFlight(Arc<Conn>);

impl InFlight {
    fn begin(conn: Arc<Conn>) -> Self {
        {
            let mut state = conn.state();
            state.in_flight += 1;
            state.phase = Phase::Busy;
        }
        Self(conn)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut state = self.0.state();
        state.in_flight = state.in_flight.saturating_sub(1);
        if state.in_flight == 0 {
            state.phase = Phase::Idle;
            state.since = Instant::now();
        }
    }
}

/// A response body that keeps its request counted as in flight.
struct Guarded {
    inner: Body,
    _in_flight: InFlight,
}

impl http_body::Body for Guarded {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The socket, telling its connection when the client sends something.
struct Tracked {
    inner: TcpStream,
    conn: Arc<Conn>,
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.conn.on_read();
        }
        polled
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The open connections, for the caps.
#[derive(Debug, Clone)]
struct Registry {
    inner: Arc<Mutex<Connections>>,
}

#[derive(Debug)]
struct Connections {
    max_total: usize,
    max_per_ip: usize,
    next_id: u64,
    open: HashMap<u64, Arc<Conn>>,
    per_ip: HashMap<IpAddr, usize>,
}

/// A connection's place in the registry, given back when dropped.
struct Slot {
    conn: Arc<Conn>,
    registry: Registry,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.registry.lock().remove(self.conn.id);
    }
}

impl Registry {
    fn new(limits: ServerLimits) -> Self {
        let connections = Connections {
            max_total: limits.max_connections,
            max_per_ip: limits.max_connections_per_ip,
            next_id: 0,
            open: HashMap::new(),
            per_ip: HashMap::new(),
        };
        Self { inner: Arc::new(Mutex::new(connections)) }
    }

    fn lock(&self) -> MutexGuard<'_, Connections> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A place for a new connection from `ip`, evicting another one if a cap is reached;
    /// `None` when every connection that could make room has a request in flight.
    fn admit(&self, ip: IpAddr) -> Option<Slot> {
        let ip = ip.to_canonical();
        let mut connections = self.lock();
        let from_ip = connections.per_ip.get(&ip).copied().unwrap_or(0);
        if connections.max_per_ip > 0 && from_ip >= connections.max_per_ip {
            connections.evict(Some(ip))?;
        } else if connections.open.len() >= connections.max_total {
            connections.evict(None)?;
        }
        let id = connections.next_id;
        connections.next_id += 1;
        let conn = Arc::new(Conn {
            id,
            ip,
            state: Mutex::new(ConnState {
                phase: Phase::Head,
                since: Instant::now(),
                in_flight: 0,
            }),
            evicted: Notify::new(),
            changed: Notify::new(),
        });
        connections.open.insert(id, Arc::clone(&conn));
        *connections.per_ip.entry(ip).or_insert(0) += 1;
        Some(Slot { conn, registry: self.clone() })
    }

    /// Closes one connection without a request in flight, to free its file descriptor.
    fn evict_one(&self) -> bool {
        self.lock().evict(None).is_some()
    }
}

impl Connections {
    /// Evicts the connection (of `ip`, or of anyone) that has waited longest for its headers,
    /// or else the one idle longest; never one with a request in flight. It leaves the
    /// registry at once, its task closes the socket.
    fn evict(&mut self, ip: Option<IpAddr>) -> Option<()> {
        let mut victim: Option<((bool, Instant), u64)> = None;
        for conn in self.open.values() {
            if ip.is_some_and(|ip| ip != conn.ip) {
                continue;
            }
            let state = conn.state();
            let rank = match state.phase {
                Phase::Busy => continue,
                // `false` sorts first: unfinished headers before idle keep-alive.
                Phase::Head => (false, state.since),
                Phase::Idle => (true, state.since),
            };
            if victim.is_none_or(|(best, _)| rank < best) {
                victim = Some((rank, conn.id));
            }
        }
        let (_, id) = victim?;
        let conn = self.remove(id)?;
        conn.evicted.notify_one();
        Some(())
    }

    fn remove(&mut self, id: u64) -> Option<Arc<Conn>> {
        let conn = self.open.remove(&id)?;
        if let Some(count) = self.per_ip.get_mut(&conn.ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.per_ip.remove(&conn.ip);
            }
        }
        Some(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(total: usize, per_ip: usize) -> Registry {
        Registry::new(ServerLimits {
            max_connections: total,
            max_connections_per_ip: per_ip,
            ..ServerLimits::default()
        })
    }

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([192, 0, 2, last])
    }

    /// Backdates a connection's phase by `seconds`, as if it had waited that long.
    fn aged(slot: &Slot, seconds: u64) {
        let mut state = slot.conn.state();
        state.since = Instant::now() - Duration::from_secs(seconds);
    }

    fn is_open(registry: &Registry, slot: &Slot) -> bool {
        registry.lock().open.contains_key(&slot.conn.id)
    }

    #[test]
    fn at_the_cap_the_oldest_unfinished_headers_make_room() {
        let registry = registry(3, 0);
        let idle = registry.admit(ip(1)).expect("room");
        drop(InFlight::begin(Arc::clone(&idle.conn))); // one request done: idle keep-alive
        aged(&idle, 30);
        let old_head = registry.admit(ip(2)).expect("room");
        aged(&old_head, 20);
        let new_head = registry.admit(ip(3)).expect("room");
        aged(&new_head, 10);

        let fourth = registry.admit(ip(4)).expect("evicts one");
        aged(&fourth, 5);
        assert!(!is_open(&registry, &old_head), "the oldest unfinished headers go first");
        assert!(is_open(&registry, &idle) && is_open(&registry, &new_head));
        let _fifth = registry.admit(ip(5)).expect("evicts one");
        assert!(!is_open(&registry, &new_head));
        let _sixth = registry.admit(ip(6)).expect("evicts one");
        assert!(!is_open(&registry, &fourth), "{:?}", registry.lock().open.keys());
        assert!(is_open(&registry, &idle), "idle keep-alive goes after unfinished headers");
    }

    #[test]
    fn busy_connections_stay_and_a_full_busy_server_refuses() {
        let registry = registry(2, 0);
        let a = registry.admit(ip(1)).expect("room");
        let b = registry.admit(ip(2)).expect("room");
        let _a_busy = InFlight::begin(Arc::clone(&a.conn));
        let b_busy = InFlight::begin(Arc::clone(&b.conn));
        assert!(registry.admit(ip(3)).is_none());
        drop(b_busy);
        let _c = registry.admit(ip(3)).expect("the idle one makes room");
        assert!(is_open(&registry, &a) && !is_open(&registry, &b));
    }

    #[test]
    fn the_per_ip_cap_evicts_only_that_address() {
        let registry = registry(100, 2);
        let other = registry.admit(ip(9)).expect("room");
        let first = registry.admit(ip(1)).expect("room");
        aged(&first, 1);
        let second = registry.admit(ip(1)).expect("room");
        let _third = registry.admit(ip(1)).expect("evicts one of ip 1");
        assert!(!is_open(&registry, &first));
        assert!(is_open(&registry, &second) && is_open(&registry, &other));
        assert_eq!(registry.lock().per_ip.get(&ip(1)), Some(&2));
        drop(second);
        assert_eq!(registry.lock().per_ip.get(&ip(1)), Some(&1));
    }
}
