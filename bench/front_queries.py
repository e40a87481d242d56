#!/usr/bin/env python3
"""The work queues' queries, written out in SQL, timed and explained on a SQLite file.

Usage: bench/front_queries.py FILE [QUERY ...]

FILE is a database of bench/front.sh (e.g. /tmp/fb-data/base.db, or the copy a run keeps with
--keep). For Site 1 (its coordinator, the peer worker and the supervisor who sign in) each query
runs five times; the median time and SQLite's plan (EXPLAIN QUERY PLAN) are printed, so a
missing index shows as a SCAN or as a search on an index that does not narrow the rows.

The SQL is written by hand after the store's queue functions (crates/store/src/*/queues.rs and
the waiting list); it shows the plans, it does not replace measuring the page.
"""
import sqlite3, sys, time
db = sys.argv[1]
c = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
org = c.execute("select id from organisations where name='Site 1'").fetchone()[0]
peer = c.execute("select id from peer_workers where user_id is not null").fetchone()[0]
sup = c.execute("select id from users where email='supervisor@site1.bench.example'").fetchone()[0]
now = int(time.time() * 1e6)
DAY = 86400 * 10**6
today = time.strftime('%Y-%m-%d', time.gmtime())
in30 = time.strftime('%Y-%m-%d', time.gmtime(time.time() + 30 * 86400))
in60 = time.strftime('%Y-%m-%d', time.gmtime(time.time() + 60 * 86400))
ago28 = time.strftime('%Y-%m-%d', time.gmtime(time.time() - 28 * 86400))
Q = {
 'count_participants': ("select status, count(*) from participants where organisation_id=? group by status order by status", (org,)),
 'referrals_waiting': ("""select r.id from referrals r left join participants p on p.id=r.participant_id left join organisations o on o.id=r.referrer_org_id
   where r.organisation_id=? and r.status='received' order by r.created_at, r.id limit 20""", (org,)),
 'waiting': ("""select p.id from participants p left join participant_wishes w on w.participant_id=p.id left join programmes g on g.id=p.programme_id
   where p.organisation_id=? and p.status='waiting'
   and not exists(select 1 from referrals r where r.participant_id=p.id and r.status!='accepted')
   and not exists(select 1 from courses c where c.participant_id=p.id and c.status!='ended') order by p.created_at, p.id""", (org,)),
 'offers_waiting_org': ("""select c.id from courses c join participants p on p.id=c.participant_id join peer_workers w on w.id=c.peer_id
   where c.organisation_id=? and c.offer='pending' and c.status!='ended' order by c.created_at, c.id""", (org,)),
 'offers_waiting_peer': ("""select c.id from courses c join participants p on p.id=c.participant_id join peer_workers w on w.id=c.peer_id
   where c.peer_id in (?) and c.offer='pending' and c.status!='ended' order by c.created_at, c.id""", (peer,)),
 'quiet_courses': ("""select c.id from courses c join participants p on p.id=c.participant_id join peer_workers w on w.id=c.peer_id
   where c.organisation_id=? and c.offer='accepted' and c.status='active' and c.started_on<=?
   and not exists(select 1 from support_sessions s where s.course_id=c.id and s.status='held' and s.starts_at>=?) order by c.started_on, c.id""", (org, ago28, now - 28 * DAY)),
 'caseload': ("""select c.id from courses c join participants p on p.id=c.participant_id join peer_workers w on w.id=c.peer_id
   where c.peer_id in (?) and c.offer='accepted' and c.status!='ended' order by c.created_at, c.id""", (peer,)),
 'consents_expiring': ("""select k.id from consents k join participants p on p.id=k.participant_id where k.organisation_id=? and k.withdrawn_at is null
   and k.valid_until>=? and k.valid_until<=? order by k.valid_until, k.id""", (org, today, in30)),
 'planned_sessions': ("""select s.id from support_sessions s join courses c on c.id=s.course_id join participants p on p.id=c.participant_id
   where c.peer_id in (?) and c.offer='accepted' and c.status!='ended' and s.status='planned' and s.starts_at>=? and s.starts_at<? order by s.starts_at, s.id""", (peer, now - DAY, now + 2 * DAY)),
 'sessions_not_logged': ("""select s.id from support_sessions s join courses c on c.id=s.course_id join participants p on p.id=c.participant_id
   where c.peer_id in (?) and c.offer='accepted' and c.status!='ended' and s.status='planned' and s.starts_at<? order by s.starts_at, s.id""", (peer, now)),
 'questionnaires_due': ("""select i.id from invitations i join participants p on p.id=i.participant_id where p.assigned_peer_id in (?)
   and i.status in ('open','in_progress') and i.due_at<? and i.expires_at>? order by i.due_at, i.id""", (peer, now + 7 * DAY, now)),
 'follow_up_overdue': ("""select g.id, g.name, count(*), min(i.due_at) from invitations i join measurement_plans m on m.id=i.plan_id join programmes g on g.id=m.programme_id
   where i.organisation_id=? and i.wave like 'followup-%' and i.status in ('open','in_progress') and i.due_at<? group by g.id, g.name""", (org, now)),
 'failed_messages': ("""select id from outbox where organisation_id=? and status='failed' order by created_at desc, id desc limit 20""", (org,)),
 'sessions_to_record': ("""select id from supervision_sessions where supervisor_user_id=? and ((status='held' and (note is null or note='')) or (status='planned' and starts_at<=?)) order by starts_at, id""", (sup, now)),
 'supervision_last_org': ("""select a.peer_id, s.kind, s.starts_at from supervision_attendees a join supervision_sessions s on s.id=a.session_id
   where a.peer_id in (select id from peer_workers where organisation_id=? and status='active') and a.attended=1 and s.status='held'""", (org,)),
 'certificates_expiring': ("""select k.id from certificates k join peer_workers w on w.id=k.peer_id join training_courses t on t.id=k.course_id
   where k.organisation_id=? and w.status='active' and k.expires_on>=? and k.expires_on<=? order by k.expires_on, k.id""", (org, today, in60)),
 'postings_with_applications': ("""select j.id, j.role_key, j.deadline, count(*), min(a.created_at) from job_applications a join job_postings j on j.id=a.posting_id
   where a.organisation_id=? and a.stage='received' group by j.id, j.role_key, j.deadline""", (org,)),
 'agreements_expiring': ("""select p.id from partnerships p join partnership_parties q on q.partnership_id=p.id where q.organisation_id=? and p.valid_to>=? and p.valid_to<=? order by p.valid_to, p.id""", (org, today, in60)),
}
only = sys.argv[2:] 
for name, (q, args) in Q.items():
    if only and name not in only:
        continue
    times = []
    for _ in range(5):
        t = time.perf_counter(); n = len(c.execute(q, args).fetchall()); times.append((time.perf_counter() - t) * 1000)
    plan = '; '.join(r[3] for r in c.execute('explain query plan ' + q, args))
    print(f"{name:28s} rows {n:6d}  median {sorted(times)[2]:8.2f} ms  | {plan}")
