-- The node runtime of the coordination context: what one member keeps to drive (and resume) its protocol
-- sessions over the message board. Secrets are stored only sealed by the member's HSM; the columns that
-- hold them accept nothing shorter than a sealed blob (version, 12-byte nonce, ciphertext, 16-byte tag).

-- One checkpoint per session this member takes part in. The seed of the member's session randomness is a
-- secret (it determines its polynomial): it is kept sealed, and dropped once the session has finished.
CREATE TABLE session_checkpoint (
    session_id       BYTEA        PRIMARY KEY CHECK (octet_length(session_id) = 32),
    kind             VARCHAR(20)  NOT NULL CHECK (kind IN ('KEYGEN', 'RESHARE', 'PRESIGN', 'SIGN', 'HEARTBEAT')),
    sealed_seed      BYTEA        CHECK (octet_length(sealed_seed) >= 1 + 12 + 32 + 16),
    start_block      BIGINT       NOT NULL CHECK (start_block >= 0),
    posted_round     INTEGER      NOT NULL CHECK (posted_round BETWEEN 0 AND 5),
    finished         BOOLEAN      NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT session_checkpoint_seed_until_finished CHECK (finished = (sealed_seed IS NULL))
);

-- How far this member has read the message board, per reader (e.g. one genesis session): the next block
-- to read and the newest head block seen. Progress only, never authority: entries are re-checked on replay.
CREATE TABLE board_cursor (
    reader           VARCHAR(80)  PRIMARY KEY,
    board_address    VARCHAR(42)  NOT NULL CHECK (board_address ~ '^0x[0-9a-f]{40}$'),
    next_block       BIGINT       NOT NULL CHECK (next_block >= 0),
    head_block       BIGINT       NOT NULL CHECK (head_block >= 0),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0
);

-- This member's key share of a group epoch, sealed under the HSM's non-extractable key (the plaintext is
-- never stored), with the public outcome that goes with it: the group key and the Feldman commitments
-- (t+1 compressed points) from which every member's public share follows, and the members holding shares.
CREATE TABLE sealed_key_share (
    group_id         BYTEA        NOT NULL CHECK (octet_length(group_id) = 32),
    epoch            BIGINT       NOT NULL CHECK (epoch >= 1),
    member_index     INTEGER      NOT NULL CHECK (member_index >= 1),
    threshold        INTEGER      NOT NULL CHECK (threshold >= 1),
    group_public_key BYTEA        NOT NULL CHECK (octet_length(group_public_key) = 33),
    commitments      BYTEA        NOT NULL CHECK (octet_length(commitments) = 33 * (threshold + 1)),
    members          VARCHAR(2000) NOT NULL,
    sealed_share     BYTEA        NOT NULL CHECK (octet_length(sealed_share) >= 1 + 12 + 32 + 16),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (group_id, epoch)
);

-- Long-term node secrets that the connected HSM cannot hold as token objects yet (the DKG's ECIES
-- decryption key, the account that pays the node's board gas): generated once, stored sealed, unsealed
-- only in memory while in use. The public half is published in the node's founder card.
CREATE TABLE node_secret (
    purpose          VARCHAR(40)  PRIMARY KEY CHECK (purpose ~ '^[a-z][a-z0-9-]*$'),
    public_key       BYTEA        NOT NULL CHECK (octet_length(public_key) BETWEEN 20 AND 65),
    sealed_secret    BYTEA        NOT NULL CHECK (octet_length(sealed_secret) >= 1 + 12 + 32 + 16),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
