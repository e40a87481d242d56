//! Sending the outbox by SMTP (RFC 5321) to a mail relay the operator names, usually the
//! organisation's own relay on the local network or `localhost`, which takes care of TLS and
//! onward delivery. Plain SMTP only: the relay is trusted and close; Sammen never talks to
//! the internet's mail servers itself.
//!
//! Messages are plain text in UTF-8, the subject as an RFC 2047 encoded word and the body in
//! base64 (so no relay needs 8BITMIME), with a `Message-ID` and a `Date`.

use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use sammen_app::App;
use sammen_app::measurement::{self, OutgoingMessage};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Where and as whom to send.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// `host:port` of the relay.
    pub relay: String,
    /// The envelope and `From:` address, e.g. `sammen@kommune.example`.
    pub from: String,
    /// The name this server gives in `EHLO`.
    pub hello: String,
}

const TIMEOUT: Duration = Duration::from_secs(30);

struct Conn {
    reader: BufReader<tokio::net::tcp::OwnedReadHalf>,
    writer: tokio::net::tcp::OwnedWriteHalf,
}

impl Conn {
    /// Reads one reply (all its lines) and checks its code.
    async fn expect(&mut self, code: u16) -> Result<String> {
        let mut text = String::new();
        loop {
            let mut line = String::new();
            let n = tokio::time::timeout(TIMEOUT, self.reader.read_line(&mut line)).await.context("the relay did not answer")??;
            if n == 0 {
                bail!("the relay closed the connection");
            }
            text.push_str(&line);
            // "250-..." continues, "250 ..." ends the reply.
            if line.len() < 4 || line.as_bytes()[3] != b'-' {
                break;
            }
        }
        let got: u16 = text.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
        if got != code {
            bail!("the relay answered {}", text.trim_end());
        }
        Ok(text)
    }

    async fn send(&mut self, line: &str) -> Result<()> {
        tokio::time::timeout(TIMEOUT, self.writer.write_all(line.as_bytes())).await.context("writing to the relay timed out")??;
        Ok(())
    }
}

/// An RFC 2047 encoded word for a header value that is not plain ASCII.
fn encode_header(value: &str) -> String {
    if value.is_ascii() && !value.contains(['\r', '\n']) {
        value.to_owned()
    } else {
        format!("=?UTF-8?B?{}?=", base64::engine::general_purpose::STANDARD.encode(value.replace(['\r', '\n'], " ")))
    }
}

/// Base64 in lines of 76 characters, as MIME asks.
fn base64_lines(body: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(body.as_bytes());
    encoded.as_bytes().chunks(76).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("\r\n")
}

fn address_ok(a: &str) -> bool {
    !a.is_empty() && a.contains('@') && !a.contains(['<', '>', '\r', '\n', ' '])
}

/// The message as sent after `DATA` (with the final `.` line).
pub fn render(cfg: &SmtpConfig, m: &OutgoingMessage, date: &str) -> String {
    let domain = cfg.from.rsplit('@').next().unwrap_or("sammen");
    let headers = [
        format!("From: {}", cfg.from),
        format!("To: {}", m.to),
        format!("Subject: {}", encode_header(&m.subject)),
        format!("Date: {date}"),
        format!("Message-ID: <{}@{domain}>", m.id),
        "MIME-Version: 1.0".to_owned(),
        "Content-Type: text/plain; charset=UTF-8".to_owned(),
        "Content-Transfer-Encoding: base64".to_owned(),
        "Auto-Submitted: auto-generated".to_owned(),
    ];
    // Base64 never starts a line with ".", so no dot-stuffing is needed.
    format!("{}\r\n\r\n{}\r\n.\r\n", headers.join("\r\n"), base64_lines(&m.body))
}

/// Sends one message over a fresh connection.
pub async fn send_one(cfg: &SmtpConfig, m: &OutgoingMessage, date: &str) -> Result<()> {
    if !address_ok(&m.to) || !address_ok(&cfg.from) {
        bail!("not an address that can be sent to");
    }
    let stream = tokio::time::timeout(TIMEOUT, TcpStream::connect(&cfg.relay)).await.context("connecting timed out")??;
    let (r, w) = stream.into_split();
    let mut c = Conn { reader: BufReader::new(r), writer: w };
    c.expect(220).await?;
    c.send(&format!("EHLO {}\r\n", cfg.hello)).await?;
    c.expect(250).await?;
    c.send(&format!("MAIL FROM:<{}>\r\n", cfg.from)).await?;
    c.expect(250).await?;
    c.send(&format!("RCPT TO:<{}>\r\n", m.to)).await?;
    c.expect(250).await?;
    c.send("DATA\r\n").await?;
    c.expect(354).await?;
    c.send(&render(cfg, m, date)).await?;
    c.expect(250).await?;
    c.send("QUIT\r\n").await?;
    // A relay that hangs up without a 221 has still taken the message.
    let _ = c.expect(221).await;
    Ok(())
}

/// One round of the sender: every queued message, oldest first, each marked sent or failed.
pub async fn send_queued(app: &App, cfg: &SmtpConfig) -> Result<(usize, usize)> {
    let queued = measurement::queued_messages(app, 200).await.map_err(|e| anyhow!("{e}"))?;
    let (mut sent, mut failed) = (0, 0);
    for m in queued {
        let date = app.now().to_offset().format(&time::format_description::well_known::Rfc2822).unwrap_or_default();
        let outcome = send_one(cfg, &m, &date).await.map_err(|e| e.to_string());
        if outcome.is_ok() {
            sent += 1;
        } else {
            failed += 1;
        }
        measurement::mark_message(app, m.id.clone(), outcome).await.map_err(|e| anyhow!("{e}"))?;
    }
    Ok((sent, failed))
}

/// Sends the outbox every `every` for as long as the server runs.
pub async fn sender(app: App, cfg: SmtpConfig, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match send_queued(&app, &cfg).await {
            Ok((0, 0)) => {}
            Ok((sent, failed)) => tracing::info!(sent, failed, "outbox sent"),
            // The reason is about the relay, never about a recipient.
            Err(e) => tracing::warn!(error = %e, "outbox could not be sent"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::sync::{Arc, Mutex};

    use sammen_app::{ManualClock, SecurityConfig, SeededRandom};
    use sammen_domain::time::Timestamp;
    use sammen_store::rows::{OrganisationRow, OutboxRow};
    use sammen_store::{Db, DbOptions, DbUrl, StoreError};
    use tokio::net::TcpListener;

    use super::*;

    /// A local SMTP sink: accepts every message and keeps what came after DATA. With `refuse`,
    /// it turns every recipient down.
    async fn sink(refuse: bool) -> (String, Arc<Mutex<Vec<String>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let got = Arc::new(Mutex::new(Vec::new()));
        let keep = got.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let keep = keep.clone();
                tokio::spawn(async move {
                    let (r, mut w) = stream.into_split();
                    let mut lines = BufReader::new(r).lines();
                    w.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                    let mut data: Option<String> = None;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if let Some(d) = data.as_mut() {
                            if line == "." {
                                keep.lock().unwrap().push(data.take().unwrap());
                                w.write_all(b"250 2.0.0 queued\r\n").await.unwrap();
                            } else {
                                d.push_str(&line);
                                d.push('\n');
                            }
                            continue;
                        }
                        let reply: &[u8] = match line.split(' ').next().unwrap_or("").to_ascii_uppercase().as_str() {
                            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "MAIL" => b"250 ok\r\n",
                            "RCPT" if refuse => b"550 5.1.1 no such user\r\n",
                            "RCPT" => b"250 ok\r\n",
                            "DATA" => {
                                data = Some(String::new());
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                w.write_all(b"221 bye\r\n").await.unwrap();
                                return;
                            }
                            _ => b"502 not implemented\r\n",
                        };
                        w.write_all(reply).await.unwrap();
                    }
                });
            }
        });
        (addr, got)
    }

    async fn app_with_message(dir: &std::path::Path) -> App {
        let url = DbUrl::parse(&format!("sqlite:{}", dir.join("t.db").display())).unwrap();
        let db = Db::open(&url, &DbOptions::default()).unwrap();
        let app = App::new(
            db,
            Arc::new(ManualClock::new(Timestamp::from_unix_seconds(1_772_442_000))),
            Arc::new(SeededRandom::new(7)),
            SecurityConfig::default(),
        );
        let org = OrganisationRow {
            id: sammen_store::Stored(app.next_id()),
            name: "Postby".into(),
            kind: sammen_store::Stored(sammen_domain::directory::OrganisationKind::Municipality),
            require_totp: false,
            created_at: 0,
            updated_at: 0,
            time_zone: sammen_domain::time::DEFAULT_ZONE.into(),
        };
        let msg = OutboxRow {
            id: app.new_id(),
            organisation_id: org.id,
            kind: sammen_store::Stored(sammen_domain::measurement::MessageKind::MeasurementInvitation),
            recipient: "deltager@example.test".into(),
            subject: "Et par spørgsmål om, hvordan du har det".into(),
            body: "Hej. Linket virker til 2026-03-30: http://127.0.0.1:8080/a/abc".into(),
            subject_type: Some("invitation".into()),
            subject_id: Some("inv-1".into()),
            status: sammen_store::Stored(sammen_domain::measurement::MessageStatus::Queued),
            attempts: 0,
            last_error: None,
            created_at: 0,
            sent_at: None,
        };
        app.db
            .write(move |tx| -> Result<(), StoreError> {
                sammen_store::directory::insert_org(tx.conn(), &org)?;
                sammen_store::measurement::queue_message(tx.conn(), &msg)
            })
            .await
            .unwrap();
        app
    }

    #[tokio::test]
    async fn the_outbox_is_sent_to_the_relay_and_marked_sent() {
        let dir = tempfile::tempdir().unwrap();
        let app = app_with_message(dir.path()).await;
        let (relay, got) = sink(false).await;
        let cfg = SmtpConfig { relay, from: "sammen@postby.example".into(), hello: "sammen.test".into() };
        assert_eq!(send_queued(&app, &cfg).await.unwrap(), (1, 0));
        let mail = got.lock().unwrap().pop().unwrap();
        assert!(mail.contains("To: deltager@example.test"), "{mail}");
        // The Danish subject as an encoded word; the body as base64 that decodes to the text.
        let subject =
            format!("=?UTF-8?B?{}?=", base64::engine::general_purpose::STANDARD.encode("Et par spørgsmål om, hvordan du har det"));
        assert!(mail.contains(&subject), "{mail}");
        let body: String = mail.split("\n\n").nth(1).unwrap().lines().collect();
        let decoded = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(body).unwrap()).unwrap();
        assert!(decoded.contains("/a/abc"));
        assert!(measurement::queued_messages(&app, 10).await.unwrap().is_empty(), "sent, so no longer queued");
        // Nothing more to send the next time round.
        assert_eq!(send_queued(&app, &cfg).await.unwrap(), (0, 0));
    }

    #[tokio::test]
    async fn a_refused_message_is_tried_again_and_then_left_failed() {
        let dir = tempfile::tempdir().unwrap();
        let app = app_with_message(dir.path()).await;
        let (relay, got) = sink(true).await;
        let cfg = SmtpConfig { relay, from: "sammen@postby.example".into(), hello: "sammen.test".into() };
        for round in 1..=measurement::MAX_SEND_ATTEMPTS {
            assert_eq!(send_queued(&app, &cfg).await.unwrap(), (0, 1), "round {round}");
        }
        assert!(got.lock().unwrap().is_empty());
        assert!(measurement::queued_messages(&app, 10).await.unwrap().is_empty(), "failed for good after the last attempt");
        // No relay at all: an error, and the message stays queued.
        let dir = tempfile::tempdir().unwrap();
        let app = app_with_message(dir.path()).await;
        let cfg = SmtpConfig { relay: "127.0.0.1:9".into(), from: "sammen@postby.example".into(), hello: "sammen.test".into() };
        assert_eq!(send_queued(&app, &cfg).await.unwrap(), (0, 1));
        assert_eq!(measurement::queued_messages(&app, 10).await.unwrap()[0].attempts, 1);
    }
}
