"""Schema migrations, per component: each list only grows; a step is applied once, in order.

A workshop area that needs tables adds its own component key here (e.g. "quiz").
"""

MIGRATIONS: dict[str, list[str]] = {
    "core": [
        """
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            day TEXT NOT NULL,
            age_group TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'fr',
            retention TEXT NOT NULL DEFAULT 'week',
            code TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            age_group TEXT NOT NULL,
            minor INTEGER NOT NULL DEFAULT 1,
            consent INTEGER NOT NULL DEFAULT 0,
            consent_by TEXT,
            consent_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE(workshop_id, name)
        );
        CREATE TABLE artifacts (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER,
            owner INTEGER,
            kind TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            files TEXT NOT NULL,
            prompt TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '{}',
            model TEXT NOT NULL DEFAULT '',
            seed INTEGER,
            ai_made INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX artifacts_by_workshop ON artifacts(workshop_id, owner);
        CREATE INDEX artifacts_by_expiry ON artifacts(expires_at);
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            workshop_id INTEGER,
            owner INTEGER,
            kind TEXT NOT NULL,
            params TEXT NOT NULL,
            state TEXT NOT NULL,
            progress REAL NOT NULL DEFAULT 0,
            message TEXT NOT NULL DEFAULT '',
            eta_seconds REAL,
            result TEXT,
            error TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            cancel_requested INTEGER NOT NULL DEFAULT 0,
            priority INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            worker TEXT
        );
        CREATE INDEX jobs_by_state ON jobs(state, created_at);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """,
    ],
    "quiz": [
        """
        CREATE TABLE quiz_games (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            workshop_id INTEGER,
            title TEXT NOT NULL,
            pack_dir TEXT NOT NULL,
            seconds INTEGER NOT NULL,
            teams INTEGER NOT NULL DEFAULT 0,
            language TEXT NOT NULL DEFAULT 'fr',
            state TEXT NOT NULL DEFAULT 'lobby',
            current INTEGER NOT NULL DEFAULT -1,
            opened_at REAL,
            deadline REAL,
            created_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE TABLE quiz_questions (
            game_id INTEGER NOT NULL REFERENCES quiz_games(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            item TEXT NOT NULL,
            opened_at REAL,
            closed_at REAL,
            PRIMARY KEY (game_id, idx)
        );
        CREATE TABLE quiz_players (
            id INTEGER PRIMARY KEY,
            game_id INTEGER NOT NULL REFERENCES quiz_games(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            team TEXT NOT NULL DEFAULT '',
            token TEXT NOT NULL UNIQUE,
            joined_at REAL NOT NULL,
            joined_question INTEGER NOT NULL,
            last_seen REAL NOT NULL,
            UNIQUE (game_id, name_key)
        );
        CREATE TABLE quiz_answers (
            game_id INTEGER NOT NULL REFERENCES quiz_games(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            player_id INTEGER NOT NULL REFERENCES quiz_players(id) ON DELETE CASCADE,
            choice INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            points INTEGER NOT NULL,
            elapsed REAL NOT NULL,
            answered_at REAL NOT NULL,
            PRIMARY KEY (game_id, idx, player_id)
        )
        """,
        # a tablet that rejoins (tab closed, same pseudonym) gets its player back: the sha256 of its device cookie;
        # kept: the host keeps on the diplomas a player who left and did not come back
        """
        ALTER TABLE quiz_players ADD COLUMN device TEXT NOT NULL DEFAULT '';
        ALTER TABLE quiz_players ADD COLUMN kept INTEGER NOT NULL DEFAULT 0
        """,
    ],
    # Privacy and faults: one gallery row per job (idempotent finish), tablets (devices) that joined a
    # workshop, and a participant's tablet code (a tablet bound to one child).
    "privacy": [
        """
        ALTER TABLE artifacts ADD COLUMN job_id TEXT;
        CREATE UNIQUE INDEX artifacts_by_job ON artifacts(job_id) WHERE job_id IS NOT NULL;
        ALTER TABLE participants ADD COLUMN tablet_code TEXT;
        CREATE UNIQUE INDEX participants_by_tablet_code ON participants(tablet_code) WHERE tablet_code IS NOT NULL;
        CREATE TABLE devices (
            token_hash TEXT PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE,
            joined_at TEXT NOT NULL,
            seen_at TEXT NOT NULL
        );
        CREATE INDEX devices_by_workshop ON devices(workshop_id)
        """,
    ],
    "safety": [
        """
        CREATE TABLE picture_reviews (
            job_id TEXT PRIMARY KEY,
            workshop_id INTEGER,
            owner INTEGER,
            state TEXT NOT NULL DEFAULT 'pending',
            artifact TEXT NOT NULL DEFAULT '{}',
            artifact_id INTEGER,
            category TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            decided_at TEXT
        );
        CREATE INDEX picture_reviews_by_workshop ON picture_reviews(workshop_id, state)
        """,
    ],
    "work": [
        """
        CREATE TABLE work_in_progress (
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (participant_id, kind)
        )
        """,
    ],
    # Work in progress of a browser where nobody picked a name (no workshop yet, or "nobody" in the sidebar):
    # keyed by the sha256 of the browser's device token (HttpOnly cookie), deleted with its workshop or, outside
    # any workshop, after settings.retention_days like the rest of the work done outside workshops.
    "device_work": [
        """
        CREATE TABLE device_work (
            device TEXT NOT NULL,
            kind TEXT NOT NULL,
            workshop_id INTEGER,
            state TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (device, kind)
        )
        """,
    ],
    # Whose a trace is: a refused sentence, a rejected or replaced picture (events) and a quiz player joined from
    # a participant's tablet or page are deleted with that participant (Store.remove_participant; cascade too).
    "owners": [
        """
        ALTER TABLE events ADD COLUMN participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE;
        CREATE INDEX events_by_participant ON events(participant_id) WHERE participant_id IS NOT NULL;
        ALTER TABLE quiz_players ADD COLUMN participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE;
        CREATE INDEX quiz_players_by_participant ON quiz_players(participant_id) WHERE participant_id IS NOT NULL
        """,
    ],
    # Each file of a creation with its SHA-256, written when it is recorded: the gallery tells a copy (the photo an
    # A4 sheet shows) from the digests, not by reading both files at every page run. Older rows have none ('{}').
    "digests": [
        """
        ALTER TABLE artifacts ADD COLUMN digests TEXT NOT NULL DEFAULT '{}'
        """,
    ],
}
