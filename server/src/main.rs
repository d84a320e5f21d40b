//! `posthog-console-server`: parses the flags and runs the server (see `server::Config`).

use std::path::PathBuf;

use clap::Parser;

/// Serves the PostHog organization console, proxying /api to a PostHog host or answering it in
/// demo mode (key: phx_demo_console).
#[derive(Debug, Parser)]
#[command(name = "posthog-console-server", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The built app (trunk's dist/).
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Proxy /api/* to this PostHog host (e.g. https://us.posthog.com) instead of the demo.
    #[arg(long)]
    upstream: Option<String>,
    /// Demo data with the same ids on every start (for tests).
    #[arg(long)]
    deterministic: bool,
    /// Extra host the browser may call directly (CSP connect-src); repeatable.
    #[arg(long = "connect-src", value_name = "URL")]
    connect_src: Vec<String>,
    /// Share of /api requests answered 500 (0-1).
    #[arg(long = "fault-500", value_name = "RATIO", default_value_t = 0.0)]
    fault_500: f64,
    /// Share of /api requests answered 429 with PostHog's throttle body (0-1).
    #[arg(long = "fault-429", value_name = "RATIO", default_value_t = 0.0)]
    fault_429: f64,
    /// Delay added to every /api request, in milliseconds.
    #[arg(long = "fault-delay-ms", value_name = "MS", default_value_t = 0)]
    fault_delay_ms: u64,
    /// Share of /api requests whose connection is dropped without an answer (0-1).
    #[arg(long = "fault-drop", value_name = "RATIO", default_value_t = 0.0)]
    fault_drop: f64,
    /// Enable POST/DELETE /_demo/faults and POST /_demo/reset (tests).
    #[arg(long = "fault-control")]
    fault_control: bool,
}

fn ratio(name: &str, value: f64) -> f64 {
    if !(0.0..=1.0).contains(&value) {
        eprintln!("--{name} must be between 0 and 1 (got {value})");
        std::process::exit(2);
    }
    value
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let config = server::Config {
        host: args.host.clone(),
        port: args.port,
        dist: args.dist,
        upstream: args.upstream,
        deterministic: args.deterministic,
        connect_src: args.connect_src,
        faults: server::FaultConfig {
            ratio_500: ratio("fault-500", args.fault_500),
            ratio_429: ratio("fault-429", args.fault_429),
            delay_ms: args.fault_delay_ms,
            ratio_drop: ratio("fault-drop", args.fault_drop),
            control: args.fault_control,
        },
    };
    let listener = match tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("cannot listen on {}:{}: {err}", args.host, args.port);
            std::process::exit(1);
        }
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    match &config.upstream {
        Some(upstream) => {
            eprintln!("posthog-console-server: http://{addr} (proxying /api to {upstream})")
        }
        None => eprintln!(
            "posthog-console-server: http://{addr} (demo mode, key {})",
            server::DEMO_KEY
        ),
    }
    if !config.dist.join("index.html").is_file() {
        eprintln!(
            "note: {} has no index.html; build the app (bash scripts/build-app.sh) to serve it",
            config.dist.display()
        );
    }
    tokio::select! {
        _ = server::serve(listener, config) => {}
        _ = tokio::signal::ctrl_c() => eprintln!("stopping"),
    }
}
