"""Duplicate events found by DuckDB over a Parquet dataset, for data too large for Python objects.

The same blocking and the same scores as `eventkit.Dataset.duplicate_events`
(`eventkit._duplicates`), said in SQL: blocks of type family, month and a
shared participant, place or country; within a block, dates within two
days; then every feature of every candidate pair computed by DuckDB, which
spills to disk past its memory limit. Python sees only the pairs at or
above the threshold, a batch at a time. What DuckDB cannot say the way
Python does — normalising titles and place names, the type hierarchy — is
computed in Python once per event or per type and handed to DuckDB, so the
two paths give the same candidates and scores (a test holds them to it).
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from typing import Any, Final

from eventkit import _registry
from eventkit._duplicates import (
    ALIKE,
    DEFAULT_THRESHOLD,
    FAR_KM,
    FINE_DAYS,
    IDF_STEP,
    MAX_MONTHS,
    NEAR_KM,
    UNDATED_REACH,
    WEIGHTS,
    WINDOW_DAYS,
    DuplicateEvents,
    DuplicatePair,
    clusters_of,
    type_score,
)
from eventkit._extras import need
from eventkit._ids import normalized
from eventkit._records import Event
from eventkit._scores import check_threshold
from eventkit.columnar._engines import parquet_source
from eventkit.columnar._parquet import read_header
from eventkit.columnar._schema import arrow
from eventkit.exceptions import Problem, ValidationError

__all__ = ["MEMORY_LIMIT", "duplicate_events", "duplicate_pairs", "memory_limit_problem"]

MEMORY_LIMIT: Final = "a size such as '2GB' or '500MB' (KB, MB, GB, TB; KiB, MiB, GiB, TiB)"
_SIZE: Final = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?) ?[KMGT]i?B", re.IGNORECASE)

_BATCH: Final = 65_536
_FEATURES: Final = ("type", "time", "participants", "place", "title")
# `normalized` on ASCII text, said in SQL (the test holds it to the Python):
# punctuation goes, a hyphen parts words, Python's str.split() whitespace splits
_ASCII = [chr(code) for code in range(128)]
_DROPPED: Final = "".join(c for c in _ASCII if unicodedata.category(c)[0] == "P" and c != "-")
_SPACES: Final = "".join(f"\\x{ord(c):02x}" for c in _ASCII if c.isspace())
_ASCII_WORDS: Final = (
    "list_distinct(list_filter(regexp_split_to_array("
    "translate(lower(replace(o.title, '-', ' ')), '" + _DROPPED.replace("'", "''") + "', ''), "
    f"'[{_SPACES}]+'), lambda w: w <> ''))"
)


def _words(titles: Any) -> Any:
    """A title's distinct normalised words, sorted (an Arrow UDF: one call per batch)."""
    pa = arrow()
    return pa.array(
        [None if t is None else sorted(set(normalized(t).split())) for t in titles.to_pylist()],
        type=pa.list_(pa.string()),
    )


def _normalized(names: Any) -> Any:
    pa = arrow()
    return pa.array(
        [None if n is None else normalized(n) for n in names.to_pylist()], type=pa.string()
    )


def _types(connection: Any) -> None:
    """Tables ``ek_types`` (each tag's family and CAMEO code) and ``ek_type_pairs``."""
    pa = arrow()
    tags = [row[0] for row in connection.sql("SELECT DISTINCT type FROM ek_events").fetchall()]
    classes = {tag: _registry.resolve(tag, Event) for tag in tags}
    families, cameos = [], []
    for cls in classes.values():
        below = [base for base in cls.__mro__ if isinstance(base, type) and issubclass(base, Event)]
        families.append(below[-2].__name__ if len(below) > 1 else cls.__name__)
        codes = getattr(cls, "plover_codes", None)
        cameos.append(None if codes is None else codes.cameo)
    connection.register(
        "ek_types_arrow",
        pa.table({"tag": list(classes), "family": families, "cameo": cameos}),
    )
    firsts, seconds, scores, reasons, coded = [], [], [], [], []
    for first, a in classes.items():
        for second, b in classes.items():
            score, reason, by_code = type_score(a, b)  # type: ignore[arg-type]
            firsts.append(first)
            seconds.append(second)
            scores.append(score)
            reasons.append(reason)
            coded.append(by_code)
    connection.register(
        "ek_type_pairs_arrow",
        pa.table({"a": firsts, "b": seconds, "score": scores, "reason": reasons, "coded": coded}),
    )
    connection.execute("CREATE TEMP TABLE ek_types AS SELECT * FROM ek_types_arrow")
    connection.execute("CREATE TEMP TABLE ek_type_pairs AS SELECT * FROM ek_type_pairs_arrow")


def _prepare(connection: Any, path: str | os.PathLike[str]) -> bool:
    """Per-event facts, the blocks, and the candidate pairs, as temporary tables.

    False, and nothing made, if the dataset has no file of events.
    """
    header = read_header(path)
    tables = header["tables"]
    events = parquet_source(path, "events", tables.get("events"), positions=True)
    if events is None:
        return False
    connection.execute(f"CREATE VIEW ek_events AS SELECT * FROM {events}")
    source = parquet_source(path, "participants", tables.get("participants"))
    if source is not None:
        connection.execute(
            f"CREATE VIEW ek_participants AS SELECT event, position, actor, role FROM {source}"
        )
    else:
        connection.execute(
            "CREATE VIEW ek_participants AS SELECT NULL::VARCHAR AS event, "
            "NULL::INTEGER AS position, NULL::VARCHAR AS actor, NULL::VARCHAR AS role WHERE false"
        )
    _types(connection)
    window = f"INTERVAL {int(WINDOW_DAYS * 24)} HOUR"
    connection.execute(f"""
        CREATE TEMP TABLE ek_facts AS
        WITH ordered AS (
            -- months are counted on UTC wall times: year() of a TIMESTAMPTZ counts eras
            -- (1 BC is year 1), where the in-memory path, like TIMESTAMP, has a year 0
            SELECT *, row_number() OVER (ORDER BY filename, file_row_number) - 1 AS pos,
                timezone('UTC', when_earliest) - {window} AS first_day,
                timezone('UTC', when_latest) + {window} AS last_day
            FROM ek_events
        ),
        people AS (  -- an actor named twice keeps the role named last, as a dict would
            SELECT event, list({{'actor': actor, 'role': role}}) AS people
            FROM (
                SELECT event, actor, arg_max(coalesce(role, 'participant'), position) AS role
                FROM ek_participants GROUP BY event, actor
            ) GROUP BY event
        )
        SELECT
            o.pos, o.id, o.type AS tag, t.family,
            coalesce(o.codes.cameo, t.cameo) AS cameo,
            CASE WHEN o.when_earliest IS NULL THEN '-inf'::DOUBLE
                 ELSE epoch_us(o.when_earliest) / 1000000 / 86400.0 END AS low,
            CASE WHEN o.when_latest IS NULL THEN 'inf'::DOUBLE
                 ELSE epoch_us(o.when_latest) / 1000000 / 86400.0 END AS high,
            CASE WHEN o.when_earliest IS NULL OR o.when_latest IS NULL THEN [-1]
                 ELSE range(
                     year(o.first_day) * 12 + month(o.first_day) - 1,
                     least(
                         year(o.last_day) * 12 + month(o.last_day) - 1,
                         year(o.first_day) * 12 + month(o.first_day) - 1 + {MAX_MONTHS - 1}
                     ) + 1
                 ) END AS months,
            coalesce(list_transform(p.people, lambda x: x.actor), []) AS actors,
            coalesce(list_transform(p.people, lambda x: x.role), []) AS roles,
            o.place.country AS country,
            ek_normalized(o.place.name) AS place_name,
            o.place.lat AS lat, o.place.lon AS lon,
            CASE WHEN strlen(o.title) = length(o.title) THEN {_ASCII_WORDS}
                 ELSE ek_words(o.title) END AS words
        FROM ordered o
        JOIN ek_types t ON t.tag = o.type
        LEFT JOIN people p ON p.event = o.id
    """)
    connection.execute(f"""
        CREATE TEMP TABLE ek_weights AS
        SELECT word, round(ln(1 + (SELECT count(*) FROM ek_facts) / count(*)) * {IDF_STEP})
                     / {IDF_STEP} AS weight
        FROM (SELECT unnest(words) AS word FROM ek_facts) GROUP BY word
    """)
    connection.execute("""
        CREATE TEMP TABLE ek_titles AS
        SELECT f.pos, list({'word': w.word, 'weight': w.weight}) AS weighed,
               sum(w.weight) AS total
        FROM (SELECT pos, unnest(words) AS word FROM ek_facts) f
        JOIN ek_weights w USING (word)
        GROUP BY f.pos
    """)
    connection.execute("""
        CREATE TEMP TABLE ek_blocks AS
        WITH anchored AS (
            SELECT pos, family, months, low, high,
                   list_transform(actors, lambda a: 'actor:' || a)
                   || CASE WHEN coalesce(place_name, '') <> '' THEN ['place:' || place_name]
                           ELSE [] END AS named,
                   country, words
            FROM ek_facts
        ),
        anchors AS (
            SELECT pos, family, months, low, high,
                   CASE WHEN len(named) = 0 AND country IS NULL
                        THEN list_transform(list_filter(words, lambda w: length(w) > 3),
                                            lambda w: 'word:' || w)
                        WHEN country IS NOT NULL AND len(named) < 2
                        THEN named || ['country:' || country]
                        ELSE named END AS anchors
            FROM anchored
        )
        SELECT pos, low, high, family, unnest(months) AS month, anchor
        FROM (SELECT *, unnest(anchors) AS anchor FROM anchors)
    """)
    connection.execute(f"""
        CREATE TEMP TABLE ek_candidates AS
        WITH anchored AS (  -- undated or open-ended events are the month -1 blocks
            SELECT DISTINCT pos, family, anchor, month = -1 AS undated FROM ek_blocks
        ),
        rare AS (
            SELECT family, anchor FROM anchored WHERE NOT undated
            GROUP BY family, anchor HAVING count(*) <= {UNDATED_REACH}
        )
        SELECT DISTINCT least(a.pos, b.pos) AS first, greatest(a.pos, b.pos) AS second
        FROM ek_blocks a JOIN ek_blocks b
          ON a.family = b.family AND a.month = b.month AND a.anchor = b.anchor
         AND (a.low < b.low OR (a.low = b.low AND a.pos < b.pos))
         AND b.low <= a.high + {WINDOW_DAYS}
        UNION
        SELECT least(u.pos, d.pos), greatest(u.pos, d.pos)
        FROM anchored u
        JOIN rare USING (family, anchor)
        JOIN anchored d ON d.family = u.family AND d.anchor = u.anchor AND NOT d.undated
        WHERE u.undated
    """)
    return True


_SCORED: Final = f"""
WITH oriented AS (  -- a is the event of the lower id, as in Python; first, second: positions
    SELECT c.first, c.second,
           CASE WHEN s.id < f.id THEN c.second ELSE c.first END AS a_pos,
           CASE WHEN s.id < f.id THEN c.first ELSE c.second END AS b_pos
    FROM ek_candidates c
    JOIN ek_facts f ON f.pos = c.first
    JOIN ek_facts s ON s.pos = c.second
),
pairs AS (
    SELECT c.first, c.second, c.a_pos, c.b_pos,
           a.id AS a_id, b.id AS b_id, a.tag AS a_tag, b.tag AS b_tag,
           a.cameo AS a_cameo, b.cameo AS b_cameo,
           a.low AS a_low, a.high AS a_high, b.low AS b_low, b.high AS b_high,
           a.actors AS a_actors, a.roles AS a_roles, b.actors AS b_actors, b.roles AS b_roles,
           a.country AS a_country, b.country AS b_country,
           a.place_name AS a_place, b.place_name AS b_place,
           a.lat AS a_lat, a.lon AS a_lon, b.lat AS b_lat, b.lon AS b_lon,
           a.words AS a_words, b.words AS b_words,
           ta.weighed AS a_weighed, ta.total AS a_total, tb.total AS b_total
    FROM oriented c
    JOIN ek_facts a ON a.pos = c.a_pos
    JOIN ek_facts b ON b.pos = c.b_pos
    LEFT JOIN ek_titles ta ON ta.pos = c.a_pos
    LEFT JOIN ek_titles tb ON tb.pos = c.b_pos
),
typed AS (
    SELECT p.*,
        CASE WHEN tp.coded AND coalesce(a_cameo, '') <> '' AND coalesce(b_cameo, '') <> ''
                  AND a_cameo <> b_cameo
             THEN CASE WHEN a_cameo[1:2] = b_cameo[1:2] THEN tp.score * 0.9
                       ELSE tp.score * 0.5 END
             ELSE tp.score END AS type_score,
        CASE WHEN tp.coded AND coalesce(a_cameo, '') <> '' AND coalesce(b_cameo, '') <> ''
                  AND a_cameo <> b_cameo
             THEN tp.reason || '; CAMEO ' || a_cameo || ' and ' || b_cameo
                  || CASE WHEN a_cameo[1:2] = b_cameo[1:2] THEN ' share a root' ELSE ' differ' END
             ELSE tp.reason END AS type_reason,
        greatest(a_low - b_high, b_low - a_high) AS gap,
        greatest(a_high - a_low, b_high - b_low) AS wider,
        list_filter(a_actors, lambda x: list_contains(b_actors, x)) AS shared,
        list_filter(a_weighed, lambda x: list_contains(b_words, x.word)) AS shared_words
    FROM pairs p JOIN ek_type_pairs tp ON tp.a = p.a_tag AND tp.b = p.b_tag
),
featured AS (
    SELECT *,
        -- time: None for an undated event, a weight below 1 for a vague one
        CASE WHEN (isinf(a_low) AND isinf(a_high)) OR (isinf(b_low) AND isinf(b_high)) THEN NULL
             WHEN gap <= 0 THEN 1.0::DOUBLE
             ELSE greatest(0.0::DOUBLE, 1.0 - gap / {2 * WINDOW_DAYS}) END AS time_score,
        CASE WHEN gap <= 0 AND wider > {FINE_DAYS} THEN sqrt({FINE_DAYS} / wider)
             ELSE 1.0::DOUBLE END AS time_weight,
        CASE WHEN gap > 0 THEN printf('dates %.1f days apart', gap)
             WHEN wider <= {FINE_DAYS} THEN 'dates overlap (compatible at their precisions)'
             WHEN isinf(wider) THEN 'dates compatible, but one is open-ended (weight x0.00)'
             ELSE printf('dates compatible, but one spans %.0f days (weight x%.2f)',
                         wider, sqrt({FINE_DAYS} / wider)) END AS time_reason,
        -- participants
        list_sum(list_transform(shared, lambda x:
            CASE WHEN a_roles[list_position(a_actors, x)] = b_roles[list_position(b_actors, x)]
                   OR a_roles[list_position(a_actors, x)] = 'participant'
                   OR b_roles[list_position(b_actors, x)] = 'participant'
                 THEN 1.0::DOUBLE ELSE 0.5::DOUBLE END)) AS same_role,
        list_filter(shared, lambda x:
            a_roles[list_position(a_actors, x)] <> b_roles[list_position(b_actors, x)]
            AND a_roles[list_position(a_actors, x)] <> 'participant'
            AND b_roles[list_position(b_actors, x)] <> 'participant') AS differing,
        len(list_filter(a_actors, lambda x: NOT list_contains(b_actors, x))) > 0
            AND len(list_filter(b_actors, lambda x: NOT list_contains(a_actors, x))) > 0
            AS both_extra,
        -- place
        2 * 6371.0 * asin(least(1.0, sqrt(
            pow(sin((b_lat * (pi() / 180.0) - a_lat * (pi() / 180.0)) / 2), 2)
            + cos(a_lat * (pi() / 180.0)) * cos(b_lat * (pi() / 180.0))
              * pow(sin(((b_lon - a_lon) * (pi() / 180.0)) / 2), 2)))) AS km,
        jaro_winkler_similarity(a_place, b_place) AS place_ratio,
        list_sum(list_transform(shared_words, lambda x: x.weight)) AS shared_weight
    FROM typed
),
scored AS (
    SELECT first, second, a_pos, b_pos, a_id, b_id, type_score, type_reason,
        time_score, time_weight, time_reason,
        CASE WHEN len(a_actors) = 0 OR len(b_actors) = 0 THEN NULL
             WHEN len(shared) = 0 THEN
                 CASE WHEN len(list_filter(list_intersect(a_roles, b_roles),
                                           lambda r: r <> 'participant')) > 0
                      THEN 0.0::DOUBLE ELSE 0.4::DOUBLE END
             WHEN both_extra
             THEN same_role / len(list_distinct(a_actors || b_actors))
             ELSE (same_role / least(len(a_actors), len(b_actors))
                   + same_role / greatest(len(a_actors), len(b_actors))) / 2 END
            AS participants_score,
        CASE WHEN len(shared) = 0 THEN
                 CASE WHEN len(list_filter(list_intersect(a_roles, b_roles),
                                           lambda r: r <> 'participant')) > 0
                      THEN 'no shared participant; other actors in the same role'
                      ELSE 'no shared participant, but none in the same role '
                           || '(one each left out?)' END
             ELSE len(shared) || ' shared participant(s) of ' || len(a_actors) || ' and '
                  || len(b_actors)
                  || CASE WHEN both_extra THEN '; each names a participant the other lacks'
                          ELSE '' END
                  || CASE WHEN len(differing) > 0
                          THEN '; roles differ for ' || array_to_string(list_sort(differing), ', ')
                          ELSE '' END END AS participants_reason,
        CASE WHEN (a_country IS NULL AND a_place IS NULL)
                  OR (b_country IS NULL AND b_place IS NULL) THEN NULL
             WHEN a_country IS NOT NULL AND b_country IS NOT NULL AND a_country <> b_country
             THEN 0.0::DOUBLE
             WHEN a_lat IS NOT NULL AND b_lat IS NOT NULL
             THEN least(1.0::DOUBLE,
                        greatest(0.0::DOUBLE, ({FAR_KM} - km) / ({FAR_KM} - {NEAR_KM})))
             WHEN coalesce(a_place, '') <> '' AND coalesce(b_place, '') <> '' THEN
                 CASE WHEN a_place = b_place THEN 1.0::DOUBLE
                      WHEN place_ratio >= {ALIKE} THEN place_ratio
                      ELSE 0.3::DOUBLE END
             ELSE 0.7::DOUBLE END AS place_score,
        CASE WHEN a_country IS NOT NULL AND b_country IS NOT NULL AND a_country <> b_country
             THEN 'countries differ (' || a_country || ', ' || b_country || ')'
             WHEN a_lat IS NOT NULL AND b_lat IS NOT NULL
             THEN printf('places %.0f km apart', km)
             WHEN coalesce(a_place, '') <> '' AND coalesce(b_place, '') <> '' THEN
                 CASE WHEN a_place = b_place THEN 'same place ''' || a_place || ''''
                      WHEN place_ratio >= {ALIKE}
                      THEN 'place names ''' || a_place || ''' and ''' || b_place || ''' alike'
                      ELSE 'place names ''' || a_place || ''' and ''' || b_place || ''' differ'
                      END
             ELSE 'one place is coarser (same country or no country to compare)'
             END AS place_reason,
        CASE WHEN len(a_words) = 0 OR len(b_words) = 0 THEN 0.0::DOUBLE
             ELSE coalesce(shared_weight, 0.0::DOUBLE) / least(a_total, b_total) END AS title_score,
        CASE WHEN len(a_words) = 0 OR len(b_words) = 0 THEN 'no title words'
             ELSE 'titles share ' || len(shared_words) || ' of ' || len(a_words) || ' and '
                  || len(b_words) || ' words' END AS title_reason
    FROM featured
),
combined AS (
    SELECT *,
        ({WEIGHTS["type"]} * type_score
         + coalesce({WEIGHTS["time"]} * time_weight * time_score, 0.0)
         + coalesce({WEIGHTS["participants"]} * participants_score, 0.0)
         + coalesce({WEIGHTS["place"]} * place_score, 0.0)
         + {WEIGHTS["title"]} * title_score)
        / ({WEIGHTS["type"]}
           + CASE WHEN time_score IS NULL THEN 0.0 ELSE {WEIGHTS["time"]} * time_weight END
           + CASE WHEN participants_score IS NULL THEN 0.0 ELSE {WEIGHTS["participants"]} END
           + CASE WHEN place_score IS NULL THEN 0.0 ELSE {WEIGHTS["place"]} END
           + {WEIGHTS["title"]}) AS mean
    FROM scored
)
SELECT first, second, a_pos, b_pos, a_id, b_id,
    CASE WHEN type_score = 0.0 OR time_score = 0.0 OR place_score = 0.0
         THEN least(mean, 0.5) ELSE mean END AS score,
    type_score, type_reason, time_score, time_reason, participants_score, participants_reason,
    place_score, place_reason, title_score, title_reason
FROM combined
WHERE (CASE WHEN type_score = 0.0 OR time_score = 0.0 OR place_score = 0.0
            THEN least(mean, 0.5) ELSE mean END) >= $threshold
ORDER BY first, second
"""


def memory_limit_problem(value: object) -> Problem | None:
    """The problem with ``value`` as DuckDB's ``memory_limit``, or None for a size.

    Only a size is set in DuckDB's SQL, never other text; ``eventkit
    duplicates --memory-limit`` refuses the same values.

    Examples:
        >>> memory_limit_problem("500MB") is None
        True
        >>> print(memory_limit_problem("2"))
        $.memory_limit: expected a size such as '2GB' or '500MB' (KB, MB, GB, TB; KiB, MiB, GiB, TiB), got '2' [invalid_value]
    """  # noqa: E501 - the message is one line
    if isinstance(value, str):
        size = _SIZE.fullmatch(value)
        if size is not None and float(size["number"]) > 0:
            return None
    return Problem(
        loc=("memory_limit",),
        code="invalid_value" if isinstance(value, str) else "invalid_type",
        message=f"expected {MEMORY_LIMIT}",
        input=value,
    )


def _check(threshold: object, memory_limit: object, query: str) -> None:
    """Refuse a threshold or memory limit now, not at the first pair asked for."""
    check_threshold(threshold, query)
    problem = None if memory_limit is None else memory_limit_problem(memory_limit)
    if problem is not None:
        raise ValidationError([problem], title=query)


def _connection(memory_limit: str | None, threads: int | None, temp_directory: str) -> Any:
    duckdb = need("duckdb", "duckdb")
    connection = duckdb.connect(":memory:")
    connection.execute("SET TimeZone = 'UTC'")  # months of UTC instants, as in Python
    connection.execute(f"SET temp_directory = '{temp_directory.replace(chr(39), chr(39) * 2)}'")
    if memory_limit is not None:  # a size (memory_limit_problem): no quote to escape
        connection.execute(f"SET memory_limit = '{memory_limit}'")
    if threads is not None:
        connection.execute(f"SET threads = {int(threads)}")
    connection.create_function(
        "ek_words", _words, ["VARCHAR"], "VARCHAR[]", type="arrow", side_effects=False
    )
    connection.create_function(
        "ek_normalized", _normalized, ["VARCHAR"], "VARCHAR", type="arrow", side_effects=False
    )
    return connection


def duplicate_pairs(
    path: str | os.PathLike[str],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    memory_limit: str | None = "2GB",
    threads: int | None = None,
) -> Iterator[DuplicatePair]:
    """The pairs of events that may be one, found by DuckDB over the Parquet dataset at ``path``.

    The candidates, scores, features and reasons are those
    `eventkit.Dataset.duplicate_events` gives for the same events (see the
    "Duplicates" docs page), in the order it gives them for the events as
    ``Dataset.load(path)`` reads them (by year); they are computed by DuckDB
    over the files, never as Python records, and come out a batch at a time.
    DuckDB keeps to ``memory_limit`` by spilling to a temporary directory.

    Args:
        path: a directory written by ``Dataset.save(path, format="parquet")``
            or ``eventkit convert``.
        threshold: the score from which a pair is given.
        memory_limit: DuckDB's memory limit (``"2GB"``; None: DuckDB's default).
        threads: DuckDB's threads (None: one per core).

    Raises:
        MissingExtraError: DuckDB or pyarrow is not installed.
        ValidationError: ``path`` is not an eventkit Parquet dataset,
            ``threshold`` is not a score from 0 to 1, or ``memory_limit``
            not a size (`memory_limit_problem`).

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "calls.parquet"
        >>> people = [ek.Participant(actor="scholz"), ek.Participant(actor="putin")]
        >>> ek.Dataset([
        ...     ek.PhoneCall(id="dpa-call", title="Scholz calls Putin",
        ...                  when=ek.parse_edtf("2024-11-15"), participants=people),
        ...     ek.PhoneCall(id="ap-call", title="Scholz and Putin speak by phone",
        ...                  when=ek.parse_edtf("2024-11-15T14:00+01:00"), participants=people),
        ... ]).save(path, format="parquet")
        >>> [(p.first, p.second, p.score) for p in ek.columnar.duplicate_pairs(path)]
        [('ap-call', 'dpa-call', 0.898)]
    """
    _check(threshold, memory_limit, "duplicate_pairs")
    return (pair for pair, _, _ in _scored(path, threshold, memory_limit, threads))


def _scored(
    path: str | os.PathLike[str],
    threshold: float,
    memory_limit: str | None,
    threads: int | None,
) -> Iterator[tuple[DuplicatePair, int, int]]:
    """Each pair at or above ``threshold``, with the positions of its events."""
    if "events" not in read_header(path)["tables"]:
        return
    with tempfile.TemporaryDirectory(prefix="eventkit-duckdb-") as spill:
        connection = _connection(memory_limit, threads, spill)
        try:
            if not _prepare(connection, path):
                return
            # rounding happens in Python, as for the in-memory path: keep what may round up
            result = connection.sql(_SCORED, params={"threshold": threshold - 0.001})
            # DuckDB 2 names it to_arrow_reader; 1.x, fetch_arrow_reader
            reader = getattr(result, "to_arrow_reader", None) or result.fetch_arrow_reader
            for batch in reader(_BATCH):
                yield from _pairs(batch.to_pydict(), threshold)
        finally:
            connection.close()


def _pairs(
    columns: dict[str, list[Any]], threshold: float
) -> Iterator[tuple[DuplicatePair, int, int]]:
    rows = zip(
        columns["a_id"],
        columns["b_id"],
        columns["score"],
        columns["a_pos"],
        columns["b_pos"],
        strict=True,
    )
    for n, (first, second, exact, first_position, second_position) in enumerate(rows):
        score = round(exact, 3)
        if score < threshold:
            continue
        features: dict[str, float] = {}
        reasons: list[str] = []
        for name in _FEATURES:
            value = columns[f"{name}_score"][n]
            if value is None:
                continue
            features[name] = round(value, 3)
            reasons.append(f"{name}: {columns[f'{name}_reason'][n]}")
        pair = DuplicatePair(
            first=first, second=second, score=score, features=features, reasons=tuple(reasons)
        )
        yield pair, first_position, second_position


def duplicate_events(
    path: str | os.PathLike[str],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    memory_limit: str | None = "2GB",
    threads: int | None = None,
) -> list[DuplicateEvents]:
    """Clusters of events that may be one, as `eventkit.Dataset.duplicate_events` gives them.

    The pairs come from `duplicate_pairs` (DuckDB over the files); only
    those at or above ``threshold`` are held in memory, to be clustered.

    Raises:
        ValidationError: as `duplicate_pairs`.

    Examples:
        >>> import eventkit as ek, eventkit.examples, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.parquet"
        >>> seed = ek.examples.scholz_putin()
        >>> seed.save(path, format="parquet")
        >>> ek.columnar.duplicate_events(path) == ek.Dataset.load(path).duplicate_events()
        True
    """
    _check(threshold, memory_limit, "duplicate_events")
    pairs = []
    position: dict[str, int] = {}
    for pair, first, second in _scored(path, threshold, memory_limit, threads):
        pairs.append(pair)
        position[pair.first] = first
        position[pair.second] = second
    return clusters_of(pairs, position)
