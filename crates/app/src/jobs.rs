//! Background jobs. Each area lists its own (`jobs()` in the area's module),
//! [`crate::background_jobs`] collects them, and the server runs every one, one after another,
//! on its schedule. A job is an ordinary use case that needs no actor: it is authorised by
//! being the system's own, and audits what it changes.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::{App, AppResult};

/// A job's run in progress.
pub type JobRun<'a> = Pin<Box<dyn Future<Output = AppResult<JobReport>> + Send + 'a>>;

/// One background job of an area.
#[derive(Clone, Copy)]
pub struct Job {
    /// What the log calls it.
    pub name: &'static str,
    pub run: for<'a> fn(&'a App) -> JobRun<'a>,
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Job").field("name", &self.name).finish_non_exhaustive()
    }
}

/// What a run did, as counts for the log (never personal data).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobReport(pub Vec<(&'static str, usize)>);

impl JobReport {
    /// One count.
    pub fn one(what: &'static str, n: usize) -> Self {
        Self(vec![(what, n)])
    }

    /// Whether the run changed nothing (nothing worth a log line).
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, n)| *n == 0)
    }
}

impl fmt::Display for JobReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (what, n)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{what}={n}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_has_its_own_name_and_reports_read_as_counts() {
        let names: std::collections::BTreeSet<_> = crate::background_jobs().iter().map(|j| j.name).collect();
        assert_eq!(names.len(), crate::background_jobs().len());
        assert!(names.contains("measurement schedule") && names.contains("recruitment retention"));
        let r = JobReport(vec![("invited", 2), ("expired", 0)]);
        assert_eq!(r.to_string(), "invited=2 expired=0");
        assert!(!r.is_empty() && JobReport::one("deleted", 0).is_empty());
    }
}
