//! The hand-kept diesel schema, shared by both backends. Column types are the portable
//! subset (Text, BigInt, Bool); keep it in step with both migration folders.

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        require_totp -> Bool,
        created_at -> BigInt,
        updated_at -> BigInt,
        time_zone -> Text,
    }
}

diesel::table! {
    partnerships (id) {
        id -> Text,
        name -> Text,
        purpose -> Text,
        legal_basis -> Text,
        data_categories -> Text,
        valid_from -> Text,
        valid_to -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    partnership_parties (partnership_id, organisation_id) {
        partnership_id -> Text,
        organisation_id -> Text,
    }
}

diesel::table! {
    programmes (id) {
        id -> Text,
        organisation_id -> Text,
        name -> Text,
        description -> Nullable<Text>,
        delivery -> Text,
        modes -> Text,
        locations -> Text,
        active -> Bool,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        organisation_id -> Nullable<Text>,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        system_admin -> Bool,
        totp_secret -> Nullable<Text>,
        totp_enabled -> Bool,
        totp_last_step -> Nullable<BigInt>,
        active -> Bool,
        password_changed_at -> BigInt,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    memberships (user_id, organisation_id) {
        user_id -> Text,
        organisation_id -> Text,
        role -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        user_id -> Text,
        organisation_id -> Nullable<Text>,
        csrf -> Text,
        second_factor_ok -> Bool,
        created_at -> BigInt,
        last_seen_at -> BigInt,
        expires_at -> BigInt,
        revoked_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        organisation_id -> Nullable<Text>,
        name -> Text,
        token_hash -> Text,
        scope -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
        revoked_at -> Nullable<BigInt>,
        last_used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> BigInt,
        window_start -> BigInt,
        locked_until -> BigInt,
    }
}

diesel::table! {
    peer_workers (id) {
        id -> Text,
        organisation_id -> Text,
        user_id -> Nullable<Text>,
        display_name -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        engagement -> Text,
        status -> Text,
        languages -> Text,
        modes -> Text,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    participants (id) {
        id -> Text,
        organisation_id -> Text,
        programme_id -> Nullable<Text>,
        pseudonym -> Text,
        name -> Nullable<Text>,
        cpr -> Nullable<Text>,
        birth_year -> Nullable<BigInt>,
        gender -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        status -> Text,
        languages -> Text,
        assigned_peer_id -> Nullable<Text>,
        search_key -> Text,
        created_at -> BigInt,
        updated_at -> BigInt,
        started_at -> Nullable<BigInt>,
        closed_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    instrument_texts (organisation_id, instrument_id, instrument_version) {
        organisation_id -> Text,
        instrument_id -> Text,
        instrument_version -> Text,
        questionnaire -> Text,
        text_source -> Text,
        loaded_by -> Nullable<Text>,
        loaded_at -> BigInt,
    }
}

diesel::table! {
    measurement_plans (id) {
        id -> Text,
        organisation_id -> Text,
        programme_id -> Text,
        instrument_id -> Text,
        instrument_version -> Text,
        at_start -> Bool,
        every_weeks -> Nullable<BigInt>,
        at_closure -> Bool,
        followup_months -> Nullable<BigInt>,
        reminder_days -> BigInt,
        valid_days -> BigInt,
        active -> Bool,
        created_at -> BigInt,
        updated_at -> BigInt,
        target_percent -> BigInt,
    }
}

diesel::table! {
    follow_up_actions (id) {
        id -> Text,
        organisation_id -> Text,
        participant_id -> Text,
        invitation_id -> Text,
        kind -> Text,
        reason -> Nullable<Text>,
        note -> Nullable<Text>,
        channel -> Nullable<Text>,
        lang -> Nullable<Text>,
        recorded_by -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    invitations (id) {
        id -> Text,
        organisation_id -> Text,
        participant_id -> Text,
        plan_id -> Text,
        instrument_id -> Text,
        instrument_version -> Text,
        wave -> Text,
        wave_order -> BigInt,
        due_at -> BigInt,
        expires_at -> BigInt,
        token_hash -> Nullable<Text>,
        status -> Text,
        reminders_sent -> BigInt,
        last_notified_at -> Nullable<BigInt>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    responses (id) {
        id -> Text,
        organisation_id -> Text,
        participant_id -> Text,
        invitation_id -> Nullable<Text>,
        instrument_id -> Text,
        instrument_version -> Text,
        wave -> Nullable<Text>,
        source -> Text,
        entered_by -> Nullable<Text>,
        answers -> Text,
        status -> Text,
        score -> Nullable<Double>,
        raw -> Nullable<Double>,
        prorated -> Bool,
        band -> Nullable<Text>,
        scores -> Text,
        started_at -> BigInt,
        completed_at -> Nullable<BigInt>,
        updated_at -> BigInt,
    }
}

diesel::table! {
    life_events (id) {
        id -> Text,
        organisation_id -> Text,
        participant_id -> Text,
        kind -> Text,
        occurred_on -> Text,
        ended_on -> Nullable<Text>,
        quantity -> Nullable<BigInt>,
        source -> Text,
        note -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    evaluation_settings (organisation_id) {
        organisation_id -> Text,
        prices -> Nullable<Text>,
        reference_table -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        updated_at -> BigInt,
    }
}

diesel::table! {
    role_descriptions (id) {
        id -> Text,
        organisation_id -> Text,
        role_key -> Text,
        version -> BigInt,
        current -> Bool,
        title -> Text,
        purpose -> Text,
        tasks -> Text,
        setting -> Text,
        functions -> Text,
        engagement -> Text,
        hours_per_week -> Double,
        term -> Text,
        competences -> Text,
        training -> Text,
        created_by -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        organisation_id -> Text,
        kind -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        subject_type -> Nullable<Text>,
        subject_id -> Nullable<Text>,
        status -> Text,
        attempts -> BigInt,
        last_error -> Nullable<Text>,
        created_at -> BigInt,
        sent_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> BigInt,
        actor_id -> Nullable<Text>,
        organisation_id -> Nullable<Text>,
        action -> Text,
        subject_type -> Text,
        subject_id -> Nullable<Text>,
        purpose -> Text,
        route -> Text,
        outcome -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_head (id) {
        id -> BigInt,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    audit_subject (subject_id, seq) {
        subject_id -> Text,
        seq -> BigInt,
    }
}

diesel::table! {
    audit_subject_mark (id) {
        id -> BigInt,
        seq -> BigInt,
    }
}

diesel::table! {
    referrals (id) {
        id -> Text,
        organisation_id -> Text,
        programme_id -> Nullable<Text>,
        participant_id -> Nullable<Text>,
        source -> Text,
        referrer_org_id -> Nullable<Text>,
        referrer_user_id -> Nullable<Text>,
        reason -> Nullable<Text>,
        status -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<BigInt>,
        decision_note -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    consents (id) {
        id -> Text,
        organisation_id -> Text,
        participant_id -> Text,
        purpose -> Text,
        scope -> Text,
        audience -> Text,
        method -> Text,
        given_at -> BigInt,
        valid_until -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
        withdrawn_at -> Nullable<BigInt>,
        withdrawn_by -> Nullable<Text>,
        withdrawal_note -> Nullable<Text>,
    }
}

diesel::table! {
    participant_wishes (participant_id) {
        participant_id -> Text,
        topics -> Text,
        modes -> Text,
        peer_gender -> Text,
        locality -> Nullable<Text>,
        lat -> Nullable<Double>,
        lon -> Nullable<Double>,
        max_distance_km -> Nullable<Double>,
        availability -> Text,
        goals -> Nullable<Text>,
        excluded_peers -> Text,
        waiting_since -> Nullable<BigInt>,
        priority -> Bool,
        updated_at -> BigInt,
    }
}

diesel::table! {
    peer_profiles (peer_id) {
        peer_id -> Text,
        topics -> Text,
        topics_consent_at -> Nullable<BigInt>,
        disclosure -> Text,
        presentation -> Nullable<Text>,
        gender -> Nullable<Text>,
        locality -> Nullable<Text>,
        lat -> Nullable<Double>,
        lon -> Nullable<Double>,
        capacity -> BigInt,
        availability -> Text,
        calendar_token_hash -> Nullable<Text>,
        calendar_token_at -> Nullable<BigInt>,
        updated_at -> BigInt,
    }
}

diesel::table! {
    courses (id) {
        id -> Text,
        organisation_id -> Text,
        programme_id -> Nullable<Text>,
        participant_id -> Text,
        peer_id -> Text,
        status -> Text,
        offer -> Text,
        match_score -> Nullable<Double>,
        match_parts -> Nullable<Text>,
        approved_by -> Nullable<Text>,
        approved_at -> Nullable<BigInt>,
        responded_at -> Nullable<BigInt>,
        decline_reason -> Nullable<Text>,
        started_on -> Nullable<Text>,
        ended_on -> Nullable<Text>,
        end_reason -> Nullable<Text>,
        handed_over_from -> Nullable<Text>,
        handover_note -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    support_sessions (id) {
        id -> Text,
        organisation_id -> Text,
        course_id -> Text,
        status -> Text,
        starts_at -> BigInt,
        duration_minutes -> BigInt,
        mode -> Text,
        place -> Nullable<Text>,
        kind -> Text,
        note -> Nullable<Text>,
        note_audience -> Text,
        author_id -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    goals (id) {
        id -> Text,
        organisation_id -> Text,
        participant_id -> Text,
        course_id -> Nullable<Text>,
        text -> Text,
        domain -> Nullable<Text>,
        status -> Text,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    goal_progress (id) {
        id -> Text,
        goal_id -> Text,
        recorded_on -> Text,
        value -> BigInt,
        note -> Nullable<Text>,
        author_id -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    group_courses (id) {
        id -> Text,
        organisation_id -> Text,
        programme_id -> Nullable<Text>,
        kind -> Text,
        name -> Text,
        description -> Nullable<Text>,
        mode -> Text,
        place -> Nullable<Text>,
        capacity -> Nullable<BigInt>,
        status -> Text,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    group_facilitators (group_id, peer_id) {
        group_id -> Text,
        peer_id -> Text,
    }
}

diesel::table! {
    group_meetings (id) {
        id -> Text,
        group_id -> Text,
        starts_at -> BigInt,
        duration_minutes -> BigInt,
        place -> Nullable<Text>,
        status -> Text,
        anonymous_count -> Nullable<BigInt>,
        note -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    group_enrolments (id) {
        id -> Text,
        group_id -> Text,
        participant_id -> Text,
        enrolled_at -> BigInt,
        left_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    group_attendance (meeting_id, participant_id) {
        meeting_id -> Text,
        participant_id -> Text,
        present -> Bool,
    }
}

diesel::table! {
    engagements (id) {
        id -> Text,
        organisation_id -> Text,
        peer_id -> Text,
        kind -> Text,
        title -> Text,
        hours_per_week -> Double,
        part_time -> Bool,
        term -> Text,
        starts_on -> Text,
        ends_on -> Nullable<Text>,
        signed_on -> Nullable<Text>,
        note -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
        role_key -> Nullable<Text>,
    }
}

// Supervision and wellbeing.
diesel::table! {
    supervision_requirements (id) {
        id -> Text,
        organisation_id -> Text,
        role_key -> Text,
        kind -> Text,
        every_weeks -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    supervision_relations (id) {
        id -> Text,
        organisation_id -> Text,
        peer_id -> Text,
        kind -> Text,
        supervisor_user_id -> Text,
        starts_on -> Text,
        ends_on -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    supervision_sessions (id) {
        id -> Text,
        organisation_id -> Text,
        kind -> Text,
        format -> Text,
        starts_at -> BigInt,
        duration_minutes -> BigInt,
        supervisor_user_id -> Text,
        status -> Text,
        topics -> Text,
        note -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    supervision_attendees (session_id, peer_id) {
        session_id -> Text,
        peer_id -> Text,
        attended -> Bool,
    }
}

diesel::table! {
    supervision_reminders (peer_id, kind, due_on) {
        peer_id -> Text,
        kind -> Text,
        due_on -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    wellbeing_check_ins (id) {
        id -> Text,
        organisation_id -> Text,
        peer_id -> Text,
        answered_at -> BigInt,
        stress -> BigInt,
        role_clarity -> BigInt,
        support -> BigInt,
        note -> Nullable<Text>,
        shared -> Bool,
    }
}

// ---- onboarding and training

diesel::table! {
    onboarding_template_items (id) {
        id -> Text,
        organisation_id -> Text,
        role_key -> Text,
        position -> BigInt,
        kind -> Text,
        title -> Nullable<Text>,
        owner_role -> Text,
        due_days -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    onboardings (id) {
        id -> Text,
        organisation_id -> Text,
        peer_id -> Text,
        role_key -> Text,
        starts_on -> Text,
        started_by -> Nullable<Text>,
        created_at -> BigInt,
        completed_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    onboarding_items (id) {
        id -> Text,
        onboarding_id -> Text,
        position -> BigInt,
        kind -> Text,
        title -> Nullable<Text>,
        owner_user_id -> Nullable<Text>,
        due_on -> Text,
        done_at -> Nullable<BigInt>,
        done_by -> Nullable<Text>,
    }
}

diesel::table! {
    training_courses (id) {
        id -> Text,
        organisation_id -> Text,
        kind -> Text,
        title -> Text,
        description -> Nullable<Text>,
        themes -> Text,
        hours -> Double,
        validity_months -> Nullable<BigInt>,
        active -> Bool,
        created_at -> BigInt,
        updated_at -> BigInt,
        min_attendance_percent -> BigInt,
    }
}

diesel::table! {
    training_cohorts (id) {
        id -> Text,
        organisation_id -> Text,
        course_id -> Text,
        place -> Nullable<Text>,
        trainer -> Nullable<Text>,
        capacity -> Nullable<BigInt>,
        note -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    training_meetings (id) {
        id -> Text,
        cohort_id -> Text,
        starts_at -> BigInt,
        duration_minutes -> BigInt,
    }
}

diesel::table! {
    training_enrolments (id) {
        id -> Text,
        cohort_id -> Text,
        peer_id -> Text,
        enrolled_at -> BigInt,
        enrolled_by -> Nullable<Text>,
        outcome -> Nullable<Text>,
        outcome_at -> Nullable<BigInt>,
        outcome_by -> Nullable<Text>,
    }
}

diesel::table! {
    training_attendance (meeting_id, peer_id) {
        meeting_id -> Text,
        peer_id -> Text,
        present -> Bool,
    }
}

diesel::table! {
    certificates (id) {
        id -> Text,
        organisation_id -> Text,
        peer_id -> Text,
        course_id -> Text,
        kind -> Text,
        enrolment_id -> Nullable<Text>,
        issued_on -> Text,
        expires_on -> Nullable<Text>,
        reminded_at -> Nullable<BigInt>,
        created_at -> BigInt,
    }
}

// Recruitment.
diesel::table! {
    job_postings (id) {
        id -> Text,
        organisation_id -> Text,
        role_key -> Text,
        intro -> Text,
        place -> Text,
        deadline -> Text,
        starts_on -> Text,
        status -> Text,
        created_by -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    job_applications (id) {
        id -> Text,
        organisation_id -> Text,
        posting_id -> Text,
        name -> Text,
        email -> Text,
        phone -> Nullable<Text>,
        language -> Text,
        motivation -> Text,
        stage -> Text,
        peer_id -> Nullable<Text>,
        decided_at -> Nullable<BigInt>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    application_attachments (id) {
        id -> Text,
        application_id -> Text,
        file_name -> Text,
        kind -> Text,
        size_bytes -> BigInt,
        content -> Binary,
        created_at -> BigInt,
    }
}

diesel::table! {
    application_stages (id) {
        id -> Text,
        application_id -> Text,
        from_stage -> Nullable<Text>,
        to_stage -> Text,
        note -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        at -> BigInt,
    }
}

diesel::table! {
    job_interviews (id) {
        id -> Text,
        application_id -> Text,
        starts_at -> BigInt,
        place -> Text,
        online -> Bool,
        created_by -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    interview_panel (interview_id, user_id) {
        interview_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    interview_scores (interview_id, user_id, competence) {
        interview_id -> Text,
        user_id -> Text,
        competence -> Text,
        score -> BigInt,
        note -> Nullable<Text>,
        at -> BigInt,
    }
}

diesel::table! {
    recruitment_settings (organisation_id) {
        organisation_id -> Text,
        retention_months -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::joinable!(partnership_parties -> partnerships (partnership_id));
diesel::joinable!(partnership_parties -> organisations (organisation_id));
diesel::joinable!(programmes -> organisations (organisation_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(memberships -> organisations (organisation_id));
diesel::joinable!(peer_workers -> organisations (organisation_id));
diesel::joinable!(participants -> organisations (organisation_id));
diesel::joinable!(participants -> peer_workers (assigned_peer_id));
diesel::joinable!(participants -> programmes (programme_id));
diesel::joinable!(measurement_plans -> programmes (programme_id));
diesel::joinable!(invitations -> participants (participant_id));
diesel::joinable!(invitations -> measurement_plans (plan_id));
diesel::joinable!(responses -> participants (participant_id));
diesel::joinable!(life_events -> participants (participant_id));
diesel::joinable!(referrals -> participants (participant_id));
diesel::joinable!(consents -> participants (participant_id));
diesel::joinable!(participant_wishes -> participants (participant_id));
diesel::joinable!(peer_profiles -> peer_workers (peer_id));
diesel::joinable!(courses -> participants (participant_id));
diesel::joinable!(courses -> peer_workers (peer_id));
diesel::joinable!(support_sessions -> courses (course_id));
diesel::joinable!(goal_progress -> goals (goal_id));
diesel::joinable!(group_courses -> organisations (organisation_id));
diesel::joinable!(group_facilitators -> group_courses (group_id));
diesel::joinable!(group_facilitators -> peer_workers (peer_id));
diesel::joinable!(group_meetings -> group_courses (group_id));
diesel::joinable!(group_enrolments -> group_courses (group_id));
diesel::joinable!(group_enrolments -> participants (participant_id));
diesel::joinable!(group_attendance -> group_meetings (meeting_id));
diesel::joinable!(group_attendance -> participants (participant_id));

// ---- interview studies (qualitative evaluation)

diesel::table! {
    interview_studies (id) {
        id -> Text,
        organisation_id -> Text,
        scope_kind -> Text,
        programme_id -> Nullable<Text>,
        partnership_id -> Nullable<Text>,
        name -> Text,
        purpose -> Text,
        sampling -> Text,
        keep_original -> Bool,
        created_at -> BigInt,
        created_by -> Text,
    }
}

diesel::table! {
    interview_guide_questions (id) {
        id -> Text,
        study_id -> Text,
        position -> BigInt,
        text_da -> Text,
        text_en -> Text,
    }
}

diesel::table! {
    interview_study_coders (study_id, user_id) {
        study_id -> Text,
        user_id -> Text,
        added_at -> BigInt,
        added_by -> Text,
    }
}

diesel::table! {
    interview_study_parties (study_id, organisation_id) {
        study_id -> Text,
        organisation_id -> Text,
        joined -> Bool,
        decided_at -> BigInt,
        decided_by -> Text,
    }
}

diesel::table! {
    study_interviews (id) {
        id -> Text,
        study_id -> Text,
        organisation_id -> Text,
        pseudonym -> Text,
        kind -> Text,
        participant_id -> Nullable<Text>,
        peer_worker_id -> Nullable<Text>,
        interviewed_on -> Text,
        interviewer_user_id -> Text,
        consent_given_on -> Text,
        consent_method -> Text,
        consent_original -> Bool,
        consent_withdrawn_on -> Nullable<Text>,
        status -> Text,
        source -> Text,
        transcript -> Nullable<Text>,
        original -> Nullable<Text>,
        replaced -> BigInt,
        created_at -> BigInt,
        created_by -> Text,
    }
}

diesel::table! {
    interview_segments (id) {
        id -> Text,
        interview_id -> Text,
        position -> BigInt,
        speaker -> Nullable<Text>,
        start_char -> BigInt,
        end_char -> BigInt,
    }
}

diesel::table! {
    interview_codes (id) {
        id -> Text,
        study_id -> Text,
        parent_id -> Nullable<Text>,
        guid -> Text,
        name -> Text,
        description -> Text,
        example -> Text,
        theme -> Nullable<Text>,
        position -> BigInt,
        retired -> Bool,
        merged_into -> Nullable<Text>,
    }
}

diesel::table! {
    interview_code_changes (id) {
        id -> Text,
        study_id -> Text,
        code_id -> Text,
        kind -> Text,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        at -> BigInt,
        by_user -> Text,
    }
}

diesel::table! {
    interview_codings (id) {
        id -> Text,
        interview_id -> Text,
        segment_id -> Text,
        code_id -> Text,
        kind -> Text,
        coder_user_id -> Nullable<Text>,
        start_char -> BigInt,
        end_char -> BigInt,
        memo -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    interview_coder_done (interview_id, coder_user_id) {
        interview_id -> Text,
        coder_user_id -> Text,
        done_at -> BigInt,
    }
}

diesel::table! {
    interview_quotes (id) {
        id -> Text,
        study_id -> Text,
        interview_id -> Text,
        code_id -> Text,
        start_char -> BigInt,
        end_char -> BigInt,
        cleared_by -> Text,
        cleared_at -> BigInt,
    }
}

diesel::joinable!(interview_guide_questions -> interview_studies (study_id));
diesel::joinable!(interview_study_coders -> interview_studies (study_id));
diesel::joinable!(interview_study_parties -> interview_studies (study_id));
diesel::joinable!(study_interviews -> interview_studies (study_id));
diesel::joinable!(interview_segments -> study_interviews (interview_id));
diesel::joinable!(interview_code_changes -> interview_codes (code_id));
diesel::joinable!(interview_codings -> interview_segments (segment_id));
diesel::joinable!(interview_codings -> interview_codes (code_id));
diesel::joinable!(interview_coder_done -> study_interviews (interview_id));
diesel::joinable!(interview_quotes -> interview_codes (code_id));
diesel::joinable!(interview_study_coders -> users (user_id));

// ---- report costs and the report form's remembered choices

diesel::table! {
    programme_costs (programme_id) {
        programme_id -> Text,
        organisation_id -> Text,
        coordination_hours_per_month -> Double,
        updated_by -> Nullable<Text>,
        updated_at -> BigInt,
    }
}

diesel::table! {
    report_choices (user_id, organisation_id) {
        user_id -> Text,
        organisation_id -> Text,
        choices -> Text,
        updated_at -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    programme_costs,
    report_choices,
    partnerships,
    partnership_parties,
    programmes,
    users,
    memberships,
    sessions,
    api_tokens,
    login_throttle,
    peer_workers,
    participants,
    instrument_texts,
    measurement_plans,
    invitations,
    follow_up_actions,
    responses,
    life_events,
    outbox,
    evaluation_settings,
    role_descriptions,
    engagements,
    referrals,
    consents,
    participant_wishes,
    peer_profiles,
    courses,
    support_sessions,
    goals,
    goal_progress,
    group_courses,
    group_facilitators,
    group_meetings,
    group_enrolments,
    group_attendance,
    audit_log,
    audit_head,
    audit_subject,
    audit_subject_mark,
    // Supervision and wellbeing.
    supervision_requirements,
    supervision_relations,
    supervision_sessions,
    supervision_attendees,
    supervision_reminders,
    wellbeing_check_ins,
    // onboarding and training
    onboarding_template_items,
    onboardings,
    onboarding_items,
    training_courses,
    training_cohorts,
    training_meetings,
    training_enrolments,
    training_attendance,
    certificates,
    // Recruitment.
    job_postings,
    job_applications,
    application_attachments,
    application_stages,
    job_interviews,
    interview_panel,
    interview_scores,
    recruitment_settings,
    // Interview studies.
    interview_studies,
    interview_guide_questions,
    interview_study_coders,
    interview_study_parties,
    study_interviews,
    interview_segments,
    interview_codes,
    interview_code_changes,
    interview_codings,
    interview_coder_done,
    interview_quotes,
);
