//! The main menu, grouped by area. Each area lists its own items (`menu()` in its module); an
//! item is shown only to those its page admits, so no menu link leads to a refusal.
//!
//! The predicates mirror the policy each page's use case asks (`sammen_domain::policy`): a
//! page that lists nothing for a role is not offered to it either. What depends on data rather
//! than on the role (a supervisor's supervisees) is reached from the page that shows that data.

use sammen_app::access::auth::SessionInfo;
use sammen_domain::people::Role::{self, Administrator, Coordinator};
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, UserId};

/// The facts about the signed-in user that decide what the menu offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// The role in the organisation the user works in now.
    pub role: Option<Role>,
    pub system_admin: bool,
    /// A role in some organisation (an external supervisor has none).
    pub member: bool,
    /// A peer-worker record belongs to the account.
    pub peer_record: bool,
}

impl Viewer {
    pub fn of(s: &SessionInfo) -> Self {
        Self {
            role: s.role(),
            system_admin: s.actor.system_admin,
            member: !s.actor.memberships.is_empty(),
            peer_record: !s.actor.peer_worker_ids.is_empty(),
        }
    }

    /// Whether the role in the current organisation is one of `roles`.
    pub fn is(&self, roles: &[Role]) -> bool {
        self.role.is_some_and(|r| roles.contains(&r))
    }

    /// Any role in the current organisation.
    pub fn in_org(&self) -> bool {
        self.role.is_some()
    }

    /// A supervisor from outside: an account with no role anywhere and no system administration.
    pub fn external(&self) -> bool {
        !self.member && !self.system_admin
    }

    pub fn manager(&self) -> bool {
        self.is(&[Administrator, Coordinator])
    }
}

/// One link of the menu.
#[derive(Clone, Copy)]
pub struct MenuItem {
    pub href: &'static str,
    /// Text key of the link.
    pub label: &'static str,
    pub shows: fn(&Viewer) -> bool,
}

/// One area's group of links, under its heading.
pub struct MenuArea {
    /// The area's name, as in the code (for ids).
    pub id: &'static str,
    /// Text key of the heading.
    pub label: &'static str,
    pub items: Vec<MenuItem>,
}

pub(crate) fn item(href: &'static str, label: &'static str, shows: fn(&Viewer) -> bool) -> MenuItem {
    MenuItem { href, label, shows }
}

/// The first link, outside the areas: everyone's start page.
pub fn home_item() -> MenuItem {
    item("/", "nav-dashboard", |_| true)
}

/// How long a start page's count stands in the menu after the start page was shown.
pub const COUNT_KEPT_SECONDS: i64 = 15 * 60;

/// How many things wait on each user's start page, per organisation, as counted the last
/// time that start page was shown. The menu's badge reads it from memory: counting the queues
/// on every page would cost every page the start page's queries (and audit records), so the
/// count is the start page's own, kept for [`COUNT_KEPT_SECONDS`] and renewed each time the
/// start page is opened (which is where a signed-in user lands).
#[derive(Default)]
pub struct QueueCounts {
    counts: std::sync::Mutex<std::collections::HashMap<CountKey, (usize, Timestamp)>>,
}

/// Whose start page, in which organisation.
type CountKey = (UserId, Option<OrgId>);

impl QueueCounts {
    pub fn put(&self, user: UserId, org: Option<OrgId>, n: usize, now: Timestamp) {
        if let Ok(mut m) = self.counts.lock() {
            // Forget what has run out, so the map stays as small as the users signed in.
            m.retain(|_, (_, at)| now.micros() - at.micros() < COUNT_KEPT_SECONDS * Timestamp::MICROS_PER_SECOND);
            m.insert((user, org), (n, now));
        }
    }

    /// The count still standing for this user in this organisation.
    pub fn get(&self, user: UserId, org: Option<OrgId>, now: Timestamp) -> Option<usize> {
        let m = self.counts.lock().ok()?;
        let (n, at) = m.get(&(user, org))?;
        (now.micros() - at.micros() < COUNT_KEPT_SECONDS * Timestamp::MICROS_PER_SECOND).then_some(*n)
    }
}

/// Every area's menu, in the order of the menu: daily work first, administration last.
pub fn areas() -> Vec<MenuArea> {
    crate::area_menus()
}

/// The areas with only the items `v` may use; areas left empty are dropped.
pub fn for_viewer(v: &Viewer) -> Vec<MenuArea> {
    areas()
        .into_iter()
        .map(|mut a| {
            a.items.retain(|i| (i.shows)(v));
            a
        })
        .filter(|a| !a.items.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use sammen_domain::people::Role::{PeerWorker, Referrer};

    use super::*;

    fn viewer(role: Option<Role>) -> Viewer {
        Viewer { role, system_admin: false, member: role.is_some(), peer_record: role == Some(PeerWorker) }
    }

    fn hrefs(v: &Viewer) -> Vec<&'static str> {
        for_viewer(v).iter().flat_map(|a| a.items.iter().map(|i| i.href)).collect()
    }

    #[test]
    fn every_link_is_in_one_area_only() {
        let mut all: Vec<&str> = areas().iter().flat_map(|a| a.items.iter().map(|i| i.href)).collect();
        all.push(home_item().href);
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn a_referrer_is_offered_referrals_and_little_else() {
        assert_eq!(hrefs(&viewer(Some(Referrer))), ["/referrals", "/roles", "/programmes", "/account"]);
    }

    #[test]
    fn an_external_supervisor_and_the_system_administrator_see_their_own_tools() {
        assert_eq!(hrefs(&viewer(None)), ["/supervision", "/account"]);
        let sys = Viewer { role: None, system_admin: true, member: false, peer_record: false };
        assert_eq!(hrefs(&sys), ["/organisations", "/partnerships", "/audit", "/account"]);
    }
}
