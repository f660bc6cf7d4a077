//! The `rundbrief` command: configuration, logging and wiring. The work happens in the crates.

mod backup_cli;
mod bounces_cli;
mod config;
mod consent_cli;
mod db;
mod engine;
mod export_cli;
mod files;
mod import_cli;
mod inbound;
mod issue_cli;
mod mailbox;
mod preview;
mod prometheus;
mod secret;
mod token_cli;
mod translation_cli;
mod users;
mod wiring;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use crate::config::Config;
use rundbrief_app::health::Readiness;

/// How often the database watcher pings the store.
const DATABASE_WATCH: std::time::Duration = std::time::Duration::from_secs(1);

/// Rundbrief: a self-hosted, multilingual newsletter service.
#[derive(Parser)]
#[command(name = "rundbrief", version, about, long_about = None)]
struct Cli {
    /// Configuration file (default: ./rundbrief.toml when it exists). RUNDBRIEF_* environment
    /// variables override it.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server and the sending workers in one process (the default when no command
    /// is given).
    Serve,
    /// Run only the web server; jobs it queues are sent by `rundbrief worker` processes.
    Web,
    /// Run only the sending workers and the scheduler. Any number of them can share one
    /// PostgreSQL database and one campaign.
    Worker,
    /// Send, schedule, pause, resume or cancel an issue, show its progress, or export and
    /// import a translation file of it.
    Issue {
        #[command(subcommand)]
        action: issue_cli::IssueCommand,
    },
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Ask the running server's /healthz and exit 0 when it is healthy (for container health
    /// checks, where no curl is installed).
    Healthcheck {
        /// Ask /readyz instead: the database reachable and migrated, the job workers polling,
        /// the SMTP relay reachable where mail is sent.
        #[arg(long)]
        ready: bool,
    },
    /// Print one variant of an issue as a subscriber of LANG receives it.
    Preview {
        /// The issue's id.
        issue: i64,
        /// The subscriber's language (two-letter code such as pl or de-AT).
        #[arg(long, value_parser = parse_language)]
        lang: rundbrief_core::Language,
        #[arg(long, value_enum, default_value = "html")]
        format: preview::Format,
        /// A subscriber name for {{ name }}; without it the localised fallback shows.
        #[arg(long)]
        name: Option<String>,
    },
    /// Manage API tokens: create (with a scope and an optional expiry), list, revoke.
    Token {
        #[command(subcommand)]
        action: token_cli::TokenCommand,
    },
    /// Manage editor accounts.
    User {
        #[command(subcommand)]
        action: users::UserCommand,
    },
    /// Import subscribers from a CSV file (spreadsheet, listmonk, Mailchimp, CleverReach), with
    /// an explicit consent choice; suppressed and unsubscribed addresses are never revived.
    Import(import_cli::ImportArgs),
    /// Export the consent log.
    Consent {
        #[command(subcommand)]
        action: consent_cli::ConsentCommand,
    },
    /// Export subscribers as CSV.
    Export {
        #[command(subcommand)]
        what: export_cli::ExportCommand,
    },
    /// Write a consistent copy of the SQLite database to FILE while the service runs (never
    /// overwriting FILE); `serve` starts from the copy as is. For PostgreSQL use pg_dump.
    Backup {
        /// The copy to create (mode 0600).
        file: PathBuf,
    },
    /// Mails that came back: bounces, feedback reports, auto-replies.
    Bounces {
        #[command(subcommand)]
        action: bounces_cli::BouncesCommand,
    },
}

fn main() -> std::process::ExitCode {
    files::private_by_default();
    let cli = Cli::parse();
    // A worker process waits on SMTP replies and database commits; its CPU work (rendering,
    // writing messages) is tens of microseconds per mail. On one thread, the tasks that hand
    // work to each other (sends, the group commit, the rate limiter) wake each other without
    // waking another thread: measured on two cores shared with the database and the relay,
    // 20-30 % less worker CPU per message and 8-30 % more messages per second than a runtime
    // thread per core (docs/benchmarks.md). More senders are more worker processes, which
    // share one campaign. The web server keeps a thread per core for concurrent requests.
    let runtime = match cli.command {
        Some(Command::Worker) => tokio::runtime::Builder::new_current_thread().enable_all().build(),
        _ => tokio::runtime::Builder::new_multi_thread().enable_all().build(),
    };
    let outcome = runtime
        .context("cannot start the async runtime")
        .and_then(|runtime| runtime.block_on(run(cli)));
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // One line, the whole cause chain: what an operator needs to fix it.
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Healthcheck { ready } = command {
        return healthcheck(&config, ready);
    }
    init_logging(&config.log, config.log_format)?;
    files::tighten(&config);
    match command {
        Command::Serve => serve(config, Roles { web: true, workers: true }).await,
        Command::Web => serve(config, Roles { web: true, workers: false }).await,
        Command::Worker => serve(config, Roles { web: false, workers: true }).await,
        Command::Issue { action } => {
            if let Some(translation) = action.translation() {
                return translation_cli::run(&config, translation).await;
            }
            let (store, queue) = db::open(&config).await?;
            let campaigns = engine::campaigns(store, queue);
            issue_cli::run(&campaigns, action).await
        }
        Command::Migrate => {
            let store = db::connect(&config).await?;
            tracing::info!(backend = store.backend(), "database schema is up to date");
            Ok(())
        }
        Command::Healthcheck { ready } => healthcheck(&config, ready),
        Command::Preview { issue, lang, format, name } => {
            let store = db::connect(&config).await?;
            let signer = secret::load_or_create(config.secret_key.as_deref(), &config.data_dir)?;
            let request =
                preview::PreviewRequest { issue, language: lang, format, name: name.as_deref() };
            let bytes = preview::preview(&config, &*store, &signer, &request).await?;
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&bytes).context("cannot write to standard output")?;
            stdout.flush().context("cannot write to standard output")
        }
        Command::Token { action } => {
            let store = db::connect(&config).await?;
            token_cli::run(&*store, action).await
        }
        Command::User { action } => users::run(&config, action).await,
        Command::Consent { action } => {
            let store = db::connect(&config).await?;
            consent_cli::run(&*store, action).await
        }
        Command::Export { what } => {
            let store = db::connect(&config).await?;
            export_cli::run(&*store, what).await
        }
        Command::Backup { file } => backup_cli::run(&config, &file).await,
        Command::Bounces { action } => bounces_cli::run(&config, action).await,
        Command::Import(args) => {
            let store = db::connect(&config).await?;
            import_cli::run(&*store, config.default_language, config.sending.rate, args).await
        }
    }
}

fn parse_language(value: &str) -> Result<rundbrief_core::Language, String> {
    rundbrief_core::Language::parse(value).map_err(|e| e.to_string())
}

fn healthcheck(config: &Config, ready: bool) -> anyhow::Result<()> {
    use std::io::{Read, Write};
    let mut target = config.listen;
    if target.ip().is_unspecified() {
        target.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let timeout = std::time::Duration::from_secs(5);
    let mut stream = std::net::TcpStream::connect_timeout(&target, timeout)
        .with_context(|| format!("nothing answers on {target}"))?;
    stream.set_read_timeout(Some(timeout)).context("socket")?;
    let path = if ready { "/readyz" } else { "/healthz" };
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\n\r\n")
        .context("cannot send the health request")?;
    let mut response = String::new();
    stream.read_to_string(&mut response).context("cannot read the health response")?;
    let status = response.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) == Some("200") {
        Ok(())
    } else {
        // /readyz says in its body what is missing; the container's health log shows it.
        let body = response.split_once("\r\n\r\n").map(|(_, body)| body.trim()).unwrap_or("");
        anyhow::bail!("unhealthy: {status} {body}")
    }
}

fn init_logging(filter: &str, format: config::LogFormat) -> anyhow::Result<()> {
    let filter = EnvFilter::try_new(filter)
        .with_context(|| format!("RUNDBRIEF_LOG: '{filter}' is not a valid log filter"))?;
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        config::LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
        // Fields at the top level, so a shipper finds `message` beside `level` and `target`.
        config::LogFormat::Json => builder.json().flatten_event(true).with_ansi(false).init(),
    }
    Ok(())
}

/// What a `serve`, `web` or `worker` process runs.
#[derive(Debug, Clone, Copy)]
struct Roles {
    web: bool,
    workers: bool,
}

async fn serve(config: Config, roles: Roles) -> anyhow::Result<()> {
    let (store, queue) = db::open(&config).await?;
    let signer = secret::load_or_create(config.secret_key.as_deref(), &config.data_dir)?;
    let backend = rundbrief_store::Backend::from_url(&config.database_url)
        .map(|b| format!("{b:?}").to_lowercase())
        .unwrap_or_default();
    // One signal, many listeners: the web server and the workers stop together.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stop_watch = stop_rx.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    });
    let stopped = move || {
        let mut rx = stop_rx.clone();
        async move {
            let _ = rx.wait_for(|stopped| *stopped).await;
        }
    };

    let (listener, bound) = bind(&config, roles).await?;
    if let Some(listen) = config.metrics_listen {
        prometheus::start(listen, Arc::clone(&store), queue.db().clone(), stopped()).await?;
    }
    let settings = wiring::settings(&config, config.base_url(bound))?;
    if roles.web {
        wiring::warn_about_organisation(&config, &settings.templates.organisation);
    }
    let mailer = wiring::mailer(&config)?;

    // The database watcher logs each outage once when it starts and once when it ends, and
    // tells the scheduler to restart job chains afterwards; `/readyz` reads the same state.
    let readiness = Readiness::new();
    tokio::spawn(rundbrief_app::health::watch_database(
        Arc::clone(&store),
        readiness.clone(),
        DATABASE_WATCH,
        stop_watch.clone(),
    ));
    let workers = if roles.workers {
        readiness.worker_starting("deliver");
        readiness.worker_starting("confirm");
        // The workers send the mail; a relay that does not answer makes them not ready.
        tokio::spawn(rundbrief_app::health::watch_smtp(
            mailer.clone(),
            readiness.clone(),
            stop_watch.clone(),
        ));
        let runtime = engine::runtime(
            &config,
            Arc::clone(&store),
            signer.clone(),
            queue.clone(),
            mailer.clone(),
            settings.clone(),
            readiness.clone(),
        )?;
        let campaigns = engine::campaigns(Arc::clone(&store), queue.clone());
        if let Some(poller) = engine::bounce_mailbox(
            &config,
            Arc::clone(&store),
            &signer,
            &queue,
            &settings,
            &readiness,
        ) {
            tokio::spawn(poller.run(stop_watch.clone()));
        }
        if let Some(inbound) =
            engine::inbound_listener(&config, Arc::clone(&store), &signer, &queue, &settings)
                .await?
        {
            tokio::spawn(inbound.run(stop_watch.clone()));
        }
        // Invitations and password resets owe mails; the workers send them (account_mail.rs).
        let account_mails = rundbrief_app::account_mail::AccountMailer::new(
            Arc::clone(&store),
            signer.clone(),
            mailer.clone(),
            config.from.clone(),
            settings.clone(),
        );
        tokio::spawn(account_mails.run(stop_watch.clone()));
        let queue = queue.clone();
        let config = config.clone();
        let stop = stopped();
        let role = if roles.web { "serve" } else { "worker" };
        Some(tokio::spawn(async move {
            engine::run(campaigns, queue, runtime, &config, role, stop).await
        }))
    } else {
        None
    };

    let workers = workers.map(|handle| exit_when_workers_fail(handle, stop_watch.clone()));
    match listener {
        Some(listener) => {
            users::announce_setup(&*store, &signer, &config.base_url(bound)).await?;
            let campaigns =
                engine::campaigns(Arc::clone(&store), queue.clone()).with_mailer(mailer);
            let confirmations: Arc<dyn rundbrief_app::ConfirmationQueue> = Arc::new(queue);
            // Uploaded imports run in the process that stored their file: this one.
            let imports = rundbrief_app::import_jobs::ImportJobs::new(
                Arc::clone(&store),
                &config.data_dir,
                config.default_language,
                config.sending.rate,
            );
            tokio::spawn(imports.clone().run(stopped()));
            let state =
                wiring::app_state(&config, store, signer, settings, confirmations, campaigns)?
                    .with_readiness(readiness)
                    .with_imports(imports);
            let router = rundbrief_web::router(state);
            tracing::info!(
                backend = %backend,
                public_url = %config.base_url(bound),
                workers = roles.workers,
                "Rundbrief listening on http://{bound}"
            );
            rundbrief_web::serve(listener, router, config.http, stopped())
                .await
                .context("HTTP server failed")?;
        }
        None => {
            tracing::info!(backend = %backend, "Rundbrief worker running");
            stopped().await;
        }
    }
    if let Some(workers) = workers {
        workers.await.context("worker task panicked")?.context("worker task panicked")??;
    }
    tracing::info!("stopped");
    Ok(())
}

/// The web listener (for roles with a web server) and the address it is bound to.
async fn bind(config: &Config, roles: Roles) -> anyhow::Result<(Option<TcpListener>, SocketAddr)> {
    if !roles.web {
        return Ok((None, config.listen));
    }
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let bound = listener.local_addr().context("cannot read the bound address")?;
    Ok((Some(listener), bound))
}

/// Workers that end before the shutdown signal could not go on (their supervisor restarts them
/// after any error, so this is a panic or a fault at start): the process exits non-zero at once
/// so that a supervisor restarts it, instead of serving pages with nobody sending.
fn exit_when_workers_fail(
    handle: tokio::task::JoinHandle<anyhow::Result<()>>,
    stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<Result<anyhow::Result<()>, tokio::task::JoinError>> {
    tokio::spawn(async move {
        let outcome = handle.await;
        let failure = match &outcome {
            Ok(Ok(())) => None,
            Ok(Err(error)) => Some(format!("{error:#}")),
            Err(error) => Some(format!("worker task panicked: {error}")),
        };
        // Workers that end after the shutdown signal are stopping, not failing.
        if let Some(failure) = failure.filter(|_| !*stop.borrow()) {
            tracing::error!(error = %failure, "job workers cannot go on; exiting");
            eprintln!("error: job workers stopped: {failure}");
            std::process::exit(1);
        }
        outcome
    })
}

/// Completes on Ctrl-C or SIGTERM (what `docker stop` and systemd send).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
