//! The inbound SMTP/LMTP listener (`RUNDBRIEF_INBOUND_LISTEN`, issue 20): the bounce domain's
//! MX, or a Postfix `lmtp:` transport, hands returned mails to it, and `worker` and `serve`
//! record them as `rundbrief bounces process` does. SMTP or LMTP is told by the client's
//! greeting (`EHLO`/`HELO` or `LHLO`), so one port serves both.
//!
//! It takes mail for the bounce domain only (no relaying), up to the size a report can need,
//! from a bounded number of clients at once, each with a line timeout. It is a compact state
//! machine of its own rather than a crate: the sans-IO parsers at hand answer `DATA` from a
//! synchronous callback, while the reply here must wait for the database commit.

mod parse;
mod session;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use rundbrief_app::App;
use rundbrief_core::verp::Verp;
use tokio::io::AsyncWriteExt as _;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};

/// Clients served at once; more wait for a 421 and retry (an MTA does).
const MAX_CONNECTIONS: usize = 32;
/// The longest one connection may last, however busy: it bounds a client that trickles.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// What every connection needs: the use cases and the instance's bounce addresses.
pub struct Inbound {
    app: App,
    verp: Verp,
    peer: SocketAddr,
}

/// The bound listener; [`Listener::run`] serves it.
pub struct Listener {
    socket: TcpListener,
    app: App,
    verp: Verp,
}

impl Listener {
    /// Binds `address` at start, so that a taken port is an error before anything runs.
    pub async fn bind(address: SocketAddr, app: App, verp: Verp) -> anyhow::Result<Self> {
        let socket = TcpListener::bind(address)
            .await
            .with_context(|| format!("RUNDBRIEF_INBOUND_LISTEN: cannot listen on {address}"))?;
        Ok(Self { socket, app, verp })
    }

    /// Accepts connections until `stop` turns true; connections already open finish.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let bound = self.socket.local_addr().map_or_else(|_| "?".into(), |a| a.to_string());
        tracing::info!(address = %bound, bounce_address = %self.verp.base(), "inbound SMTP/LMTP listening");
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        loop {
            let accepted = tokio::select! {
                accepted = self.socket.accept() => accepted,
                _ = stop.wait_for(|stopped| *stopped) => return,
            };
            let (stream, peer) = match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: pause instead of spinning.
                    tracing::warn!(%error, "inbound: cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let inbound = Inbound { app: self.app.clone(), verp: self.verp.clone(), peer };
            match Arc::clone(&slots).try_acquire_owned() {
                Ok(slot) => {
                    tokio::spawn(async move {
                        serve(&inbound, stream).await;
                        drop(slot);
                    });
                }
                Err(_) => {
                    tracing::warn!(%peer, "inbound: connection limit reached; refused");
                    tokio::spawn(refuse(stream));
                }
            }
        }
    }
}

async fn serve(inbound: &Inbound, stream: TcpStream) {
    let (read, write) = stream.into_split();
    let reader = tokio::io::BufReader::new(read);
    let dialogue = session::run(inbound, reader, write);
    match tokio::time::timeout(CONNECTION_LIFETIME, dialogue).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::debug!(peer = %inbound.peer, %error, "inbound connection failed")
        }
        Err(_) => {
            tracing::info!(peer = %inbound.peer, "inbound connection lasted too long; closed")
        }
    }
}

async fn refuse(mut stream: TcpStream) {
    let said = stream.write_all(b"421 4.3.2 Too many connections, try again later\r\n");
    let _ = tokio::time::timeout(Duration::from_secs(5), said).await;
}
