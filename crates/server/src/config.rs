//! Configuration: a TOML file, overridden by environment and flags (clap does those).

use anyhow::{Context, Result};
use serde::Deserialize;

/// Every setting an operator may put in the config file; all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub database_url: Option<String>,
    pub addr: Option<String>,
    pub secure_cookies: Option<bool>,
    pub trust_forwarded_for: Option<bool>,
    pub max_body_kib: Option<usize>,
    pub read_pool_size: Option<u32>,
    pub writers: Option<usize>,
    pub session_idle_minutes: Option<i64>,
    pub session_absolute_hours: Option<i64>,
    pub token_max_days: Option<i64>,
    pub login_max_failures: Option<i64>,
    pub lockout_minutes: Option<i64>,
    /// The address participants reach the server at, for links sent by e-mail
    /// (e.g. https://sammen.example.dk; also SAMMEN_PUBLIC_URL). Default: the listening address.
    pub public_url: Option<String>,
    /// Seconds between runs of the background jobs of every area (default 60).
    pub schedule_seconds: Option<u64>,
    /// The mail relay (`host:port`, plain SMTP, e.g. the organisation's relay or
    /// `127.0.0.1:25`) that the outbox is sent to; also SAMMEN_SMTP_RELAY. Without it,
    /// messages stay in the outbox, visible there.
    pub smtp_relay: Option<String>,
    /// The sender address; also SAMMEN_SMTP_FROM.
    pub smtp_from: Option<String>,
}

impl Config {
    pub fn load(path: Option<&std::path::Path>) -> Result<Self> {
        let Some(path) = path else { return Ok(Self::default()) };
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    pub fn security(&self) -> sammen_app::SecurityConfig {
        let mut s = sammen_app::SecurityConfig::default();
        if let Some(m) = self.session_idle_minutes {
            s.session_idle_seconds = m.clamp(1, 24 * 60) * 60;
        }
        if let Some(h) = self.session_absolute_hours {
            s.session_absolute_seconds = h.clamp(1, 24 * 30) * 3600;
        }
        if let Some(d) = self.token_max_days {
            s.token_max_days = d.clamp(1, 3650);
            s.token_default_days = s.token_default_days.min(s.token_max_days);
        }
        if let Some(n) = self.login_max_failures {
            s.account_max_failures = n.clamp(1, 100);
        }
        if let Some(m) = self.lockout_minutes {
            s.lockout_seconds = m.clamp(1, 24 * 60) * 60;
        }
        s
    }

    /// SMTP settings, when a relay and a sender are both configured.
    pub fn smtp(&self) -> Option<crate::smtp::SmtpConfig> {
        let relay = std::env::var("SAMMEN_SMTP_RELAY").ok().or_else(|| self.smtp_relay.clone())?;
        let from = std::env::var("SAMMEN_SMTP_FROM").ok().or_else(|| self.smtp_from.clone())?;
        let hello = from.rsplit('@').next().unwrap_or("sammen").to_owned();
        Some(crate::smtp::SmtpConfig { relay, from, hello })
    }

    pub fn web(&self) -> sammen_web::WebConfig {
        let mut w = sammen_web::WebConfig::default();
        if let Some(b) = self.secure_cookies {
            w.secure_cookies = b;
        }
        if let Some(b) = self.trust_forwarded_for {
            w.trust_forwarded_for = b;
        }
        if let Some(k) = self.max_body_kib {
            w.max_body_bytes = k.clamp(1, 10 * 1024) * 1024;
        }
        w
    }
}
