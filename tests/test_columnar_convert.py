"""JSON Lines to Parquet on worker processes: what one process writes, byte for byte.

Every test compares the workers' outcome (``jobs=2``, real processes) with
the one-process path's (``jobs=1``): the files written, or the error raised.
Each comparison runs as a user's script does, in a fresh interpreter: this
test process has registered types of its own that workers would not know
(which sends a file to the one-process path). Where the workers must do the
work themselves, the script makes the one-process path fail, so a silent
fallback cannot pass for it.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import subprocess
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import NonInteractiveExampleWarning

import eventkit as ek
import eventkit.examples
import eventkit.interop.acled
import eventkit.interop.gdelt
from eventkit import _registry
from eventkit.cli import main
from eventkit.columnar import jsonl_to_parquet
from eventkit.columnar._convert import on_glibc
from eventkit.testing import records


def _files(path: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
    }


# A user's script. Its argument, JSON: the file, the batch size, how the
# custom type is made known, whether the one-process path is refused to the
# workers, a line length limit. It prints, as JSON, the outcome with one
# process and with two workers: the count, progress and files' digests, or the error.
SCRIPT = """
import functools, hashlib, json, pathlib, sys
import eventkit as ek
from eventkit.cli._common import import_types
from eventkit.columnar import _convert, jsonl_to_parquet

ARGS = json.loads(sys.argv[1])
if ARGS["known"] == "top-level":
    import march_types


def refuse(*args, **kwargs):
    raise AssertionError("the file was converted by the one-process path")


def outcome(jobs, setup):
    target = pathlib.Path(f"{jobs}.parquet")
    counts = []
    try:
        count = jsonl_to_parquet(
            ARGS["source"], target, name="d", jobs=jobs, batch_size=ARGS["batch"],
            setup=setup, progress=counts.append,
        )
    except ek.ValidationError as error:
        assert not target.exists()
        return {"error": str(error)}
    except RuntimeError as error:  # a bug in the type: as it is, noted with where it met
        assert not target.exists()
        return {"bug": str(error), "notes": error.__notes__}
    files = {
        str(p.relative_to(target)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(target.rglob("*")) if p.is_file()
    }
    return {"count": count, "progress": counts, "files": files}


if __name__ == "__main__":
    setup = None
    if ARGS["known"] in ("setup", "main-only"):
        import_types(["march_types.py"])  # this process knows the type
    if ARGS["known"] == "setup":
        setup = functools.partial(import_types, ["march_types.py"])
    with ek.limits(max_line_bytes=ARGS["max_line_bytes"]):
        one = outcome(1, None)
        if ARGS["workers_only"]:
            _convert.distinct_records = refuse
        two = outcome(2, setup)
    print(json.dumps([one, two]))
"""


def _path(folder: Path) -> str:
    """A PYTHONPATH of ``folder`` and this process's own (the eventkit under test)."""
    return os.pathsep.join([str(folder), *filter(None, [os.environ.get("PYTHONPATH")])])


def _python(folder: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """``python ARGUMENTS`` run in ``folder`` as a user's script, with the eventkit under test.

    ``environment``: variables set for it besides this process's.
    """
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,  # not a measurement: a hang fails the test instead of the whole run
        env={**os.environ, **environment, "PYTHONWARNINGS": "error", "PYTHONPATH": _path(folder)},
    )


def _command(folder: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """``eventkit ARGUMENTS`` as installed, run in ``folder``; ``environment`` as `_python`."""
    return subprocess.run(
        [Path(sys.executable).parent / "eventkit", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,  # not a measurement: a hang fails the test instead of the whole run
        env={**os.environ, **environment, "PYTHONWARNINGS": "error"},
    )


def _seed_on_workers(
    folder: Path, setup: str, *imports: str, **environment: str
) -> subprocess.CompletedProcess[str]:
    """The seed converted by a user's script in ``folder`` on two workers, each running ``setup``.

    ``setup``: ``module.function``, the module in ``folder``; ``imports``:
    modules the script imports besides; ``environment``: as `_python` takes it.
    """
    ek.examples.scholz_putin().save(folder / "seed.jsonl")
    code = (
        f"import {', '.join([setup.partition('.')[0], *imports])}\n"
        "from eventkit.columnar import jsonl_to_parquet\n"
        "print(jsonl_to_parquet('seed.jsonl', 'out.parquet', batch_size=10, jobs=2,"
        f" setup={setup}))"
    )
    return _python(folder, "-c", code, **environment)


def _both(
    tmp_path: Path,
    source: Path,
    *,
    batch: int,
    known: str = "none",
    workers_only: bool = False,
    max_line_bytes: int = 16 * 1024 * 1024,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The one-process and the workers' outcome, from a user's script in ``tmp_path``."""
    (tmp_path / "march_types.py").write_text(TYPES, encoding="utf-8")
    (tmp_path / "convert.py").write_text(SCRIPT, encoding="utf-8")
    options = {
        "source": str(source),
        "batch": batch,
        "known": known,
        "workers_only": workers_only,
        "max_line_bytes": max_line_bytes,
    }
    done = _python(tmp_path, "convert.py", json.dumps(options))
    assert 0 == done.returncode, done.stderr
    one, two = json.loads(done.stdout)
    return one, two


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Drawn records of every type eventkit ships, as JSON Lines.

    The plugin types (ACLED's and GDELT's events, loaded on demand) come
    last, after the first batch: they must not change a table's columns half
    way (they did, before the writer loaded them first).
    """
    shipped = [c for c in _registry.registered() if c.__module__.startswith("eventkit.")]
    shipped.sort(key=lambda cls: cls.__module__.startswith("eventkit.interop"))
    drawn: list[Any] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        for cls in shipped:
            strategy = records(cls, subclasses=False)
            drawn += [attrs.evolve(strategy.example(), id=f"{cls.__name__}-{i}") for i in range(8)]
    path = tmp_path_factory.mktemp("generated") / "generated.jsonl"
    path.write_bytes(ek.to_jsonl(drawn).encode())
    return path


def test_workers_write_the_one_process_dataset_byte_for_byte(
    generated: Path, tmp_path: Path
) -> None:
    one, two = _both(tmp_path, generated, batch=16, workers_only=True)
    written = len(generated.read_bytes().splitlines())
    assert [*range(16, written, 16), written] == one["progress"]
    assert {"count": written} | one == two


def test_gzip_and_blank_lines_and_a_byte_order_mark_are_read_as_one_process_reads_them(
    tmp_path: Path,
) -> None:
    lines = ek.to_jsonl(list(ek.examples.scholz_putin())).encode().splitlines(keepends=True)
    text = codecs.BOM_UTF8 + b"\n  \n".join(lines[:20]) + b"\r\n" + b"".join(lines[20:])
    source = tmp_path / "seed.jsonl.gz"
    source.write_bytes(gzip.compress(text))
    one, two = _both(tmp_path, source, batch=4, workers_only=True)
    assert 96 == one["count"]
    assert one == two


BAD = '{"type": "actor", "id": "bad", "name": "", "kind": "person"}\n'


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda lines: [*lines[:30], BAD, *lines[30:]], id="invalid-record"),
        pytest.param(lambda lines: [*lines[:30], "{not json\n", *lines[30:]], id="invalid-json"),
        pytest.param(lambda lines: [*lines[:-1], lines[-1].rstrip("\n")[:-3]], id="cut-off"),
        pytest.param(
            lambda lines: [*lines[:8], "\ufeff" + lines[8], *lines[9:]], id="mark-at-batch"
        ),
        pytest.param(
            lambda lines: [*lines[:9], "\ufeff" + lines[9], *lines[10:]], id="mark-inside"
        ),
        pytest.param(lambda lines: [*lines[:30], BAD, BAD, *lines[30:]], id="two-invalid"),
        pytest.param(lambda lines: [*lines[:12], " " * 5000 + "\n", *lines[12:]], id="too-long"),
    ],
)
def test_a_bad_line_gets_the_one_process_error_and_nothing_is_written(
    tmp_path: Path, damage: Any
) -> None:
    lines = ek.to_jsonl(list(ek.examples.scholz_putin())).splitlines(keepends=True)
    source = tmp_path / "damaged.jsonl"
    source.write_text("".join(damage(lines)), encoding="utf-8")
    one, two = _both(tmp_path, source, batch=8, max_line_bytes=4096)
    assert "error" in one, one
    assert one == two


def test_a_record_repeated_is_written_once_as_loading_keeps_it(tmp_path: Path) -> None:
    # both copies were written: DuckDB counted two events where eventkit counts one
    seed = ek.examples.scholz_putin()
    lines = ek.to_jsonl(list(seed)).splitlines(keepends=True)
    source = tmp_path / "repeated.jsonl"
    # again in its own batch, in a later one, and (keys in another order) in the last
    again = json.dumps(dict(reversed(json.loads(lines[3]).items()))) + "\n"
    source.write_text("".join([*lines[:4], lines[3], *lines[4:40], lines[3], *lines[40:], again]))
    assert ["duplicate_record"] * 3 == [w.code for w in ek.validate_file(source).warnings]
    one, two = _both(tmp_path, source, batch=8)  # the workers hand the file to one process
    assert 96 == one["count"]
    assert one == two
    target = tmp_path / "repeated.parquet"
    assert 96 == jsonl_to_parquet(source, target)
    assert seed == ek.Dataset.load(target)
    events = ek.columnar.connect(target).sql("SELECT count(*) FROM events").fetchall()
    assert [(len(seed.events),)] == events


def test_another_record_with_a_taken_id_is_refused_as_validate_refuses_it(
    tmp_path: Path,
) -> None:
    # it was written beside the first, and the dataset then failed a strict load
    lines = ek.to_jsonl(list(ek.examples.scholz_putin())).splitlines(keepends=True)
    other = json.loads(lines[3]) | {"name": "Someone else"}
    source = tmp_path / "taken.jsonl"
    source.write_text("".join([*lines[:50], json.dumps(other) + "\n", *lines[50:]]))
    (problem,) = ek.validate_file(source).problems
    assert ("duplicate_id", 51) == (problem.code, problem.line)
    one, two = _both(tmp_path, source, batch=8)
    assert f"1 problem in {source}\n  {problem}" == one["error"]
    assert one == two


def test_a_type_registered_here_alone_sends_the_file_to_one_process(tmp_path: Path) -> None:
    # no record has the type, but it has columns of its own the workers cannot make
    source = tmp_path / "seed.jsonl"
    ek.examples.scholz_putin().save(source)
    one, two = _both(tmp_path, source, batch=8, known="main-only")
    assert 96 == one["count"]
    assert one == two


def test_a_file_of_one_batch_is_converted_in_this_process(tmp_path: Path) -> None:
    source = tmp_path / "seed.jsonl"
    ek.examples.scholz_putin().save(source)
    one, two = _both(tmp_path, source, batch=50_000, workers_only=False)
    assert one == two
    assert 96 == two["count"]


@pytest.mark.parametrize(
    ("jobs", "error"), [(0, ValueError), (-1, ValueError), (2.0, TypeError), (True, TypeError)]
)
def test_jobs_must_be_a_positive_integer(tmp_path: Path, jobs: Any, error: type[Exception]) -> None:
    source = tmp_path / "seed.jsonl"
    ek.examples.scholz_putin().save(source)
    with pytest.raises(error, match="jobs must be"):
        jsonl_to_parquet(source, tmp_path / "out.parquet", jobs=jobs)


def test_only_json_lines_is_read(tmp_path: Path) -> None:
    source = tmp_path / "seed.json"
    ek.examples.scholz_putin().save(source)
    with pytest.raises(ValueError, match="reads JSON Lines"):
        jsonl_to_parquet(source, tmp_path / "out.parquet", jobs=2)


TYPES = """
import attrs
import eventkit as ek


def _even(instance, attribute, value):
    if value == 13:
        raise RuntimeError("a bug in the validator")
    if value % 2:
        raise ValueError("an even number of banners")


@ek.event_type("acme.march")
@attrs.frozen(kw_only=True)
class March(ek.Event):
    banners: int = ek.field(default=0, validator=_even, old_names=["flags"])
    led_by: ek.ActorId | None = ek.field(default=None, alias="leader")
"""


def _marches(tmp_path: Path, *, banners: int = 14) -> Path:
    actor = '{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'
    marches = [
        f'{{"type": "acme.march", "id": "m{i}", "title": "March {i}", "when": "2024-0{1 + i % 9}",'
        f' "flags": {banners if i == 7 else 2 * i}, "leader": "a"}}\n'
        for i in range(10)
    ]
    (tmp_path / "march.jsonl").write_text(actor + "".join(marches), encoding="utf-8")
    return tmp_path / "march.jsonl"


@pytest.mark.parametrize(
    ("known", "workers_only"),
    [
        # a script registering its type at top level: each worker runs that too
        ("top-level", True),
        # --types, as eventkit convert passes it: each worker imports the module
        ("setup", True),
        # a type only this process knows: the file is converted here, rightly
        ("main-only", False),
    ],
)
def test_custom_types_with_aliases_and_validators_are_made_as_built_ins(
    tmp_path: Path, known: str, *, workers_only: bool
) -> None:
    one, two = _both(tmp_path, _marches(tmp_path), batch=3, known=known, workers_only=workers_only)
    assert 11 == one["count"]
    assert one == two


@pytest.mark.parametrize("known", ["top-level", "setup", "main-only"])
def test_a_custom_type_s_validator_refuses_on_workers_as_in_one_process(
    tmp_path: Path, known: str
) -> None:
    one, two = _both(tmp_path, _marches(tmp_path, banners=15), batch=3, known=known)
    assert "march.jsonl:9: record 'm7': $.banners: an even number of banners" in one["error"]
    assert one == two


@pytest.mark.parametrize("known", ["top-level", "setup", "main-only"])
def test_a_bug_in_a_custom_type_s_validator_names_its_line_on_workers_too(
    tmp_path: Path, known: str
) -> None:
    source = _marches(tmp_path, banners=13)
    one, two = _both(tmp_path, source, batch=3, known=known)
    where = f"while reading {source}:9: record 'm7': $"
    assert {"bug": "a bug in the validator", "notes": [where]} == one
    assert one == two


def test_the_command_converts_on_workers_with_the_same_result(tmp_path: Path) -> None:
    source = tmp_path / "seed.jsonl"
    ek.examples.scholz_putin().save(source)
    assert 0 == main(["convert", "--jobs", "2", str(source), str(tmp_path / "two.parquet")])
    assert 0 == main(["convert", "--jobs", "1", str(source), str(tmp_path / "one.parquet")])
    assert _files(tmp_path / "one.parquet") == _files(tmp_path / "two.parquet")
    assert 2 == main(["convert", "--jobs", "0", str(source), str(tmp_path / "none.parquet")])


WORKER_SEEN = """
import multiprocessing, os
if multiprocessing.parent_process() is not None:  # imported in a worker: say so
    with open("imported-in.txt", "a") as out:
        out.write(f"{os.getpid()}\\n")
"""


def test_the_command_imports_types_in_each_worker(tmp_path: Path) -> None:
    # more than one batch of 50,000 records, so the command starts workers
    actor = '{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'
    march = '{"type": "acme.march", "id": "m%d", "title": "M", "flags": 2, "leader": "a"}\n'
    lines = [actor, *(march % i for i in range(50_010))]
    (tmp_path / "march.jsonl").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "march_types.py").write_text(TYPES + WORKER_SEEN, encoding="utf-8")
    for jobs in ("1", "2"):
        arguments = ["--types", "march_types.py", "--jobs", jobs, "march.jsonl", f"{jobs}.parquet"]
        done = _command(tmp_path, "convert", *arguments)
        assert (0, "") == (done.returncode, done.stderr)
        assert f"{jobs}.parquet: 50,011 records written from march.jsonl\n" == done.stdout
    assert 2 == len(set((tmp_path / "imported-in.txt").read_text().split()))
    assert _files(tmp_path / "1.parquet") == _files(tmp_path / "2.parquet")


POOL_SEEN = """
def record():
    import pyarrow
    with open("pools.txt", "a") as out:
        out.write(pyarrow.default_memory_pool().backend_name + "\\n")
"""


@pytest.mark.parametrize(("chosen", "expected"), [(None, "system"), ("mimalloc", "mimalloc")])
def test_workers_take_arrow_memory_from_malloc_unless_the_user_chose(
    tmp_path: Path, chosen: str | None, expected: str
) -> None:
    (tmp_path / "pool_seen.py").write_text(POOL_SEEN, encoding="utf-8")
    environment = {} if chosen is None else {"ARROW_DEFAULT_MEMORY_POOL": chosen}
    done = _seed_on_workers(tmp_path, "pool_seen.record", **environment)
    assert (0, "96\n", "") == (done.returncode, done.stdout, done.stderr)
    assert [expected, expected] == (tmp_path / "pools.txt").read_text().split()


MAPPED_ALONE = """
import atexit, ctypes, multiprocessing, sys

class _Counts(ctypes.Structure):  # glibc's struct mallinfo2
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd",
        "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

def mapped_alone():
    # Freeing a 32 MB buffer raises glibc's own threshold to 32 MB. A buffer
    # bigger than all the heap's free memory (so not taken from it) but
    # under 32 MB then gets a mapping of its own only if the threshold is
    # held lower.
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = _Counts
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free(libc.malloc(32 << 20))
    counts = libc.mallinfo2()
    size = max(2 << 20, counts.fordblks + (1 << 20))
    if size >= 32 << 20:
        return "unknown"
    buffer = libc.malloc(size)
    mapped = libc.mallinfo2().hblks - counts.hblks
    libc.free(buffer)
    return str(mapped)

def record():
    with open("seen.txt", "a") as out:
        if multiprocessing.parent_process() is not None:
            out.write(f"worker:{mapped_alone()}\\n")
        else:
            import pyarrow
            out.write(f"pandas:{'pandas' in sys.modules}\\n")
            out.write(f"pool:{pyarrow.default_memory_pool().backend_name}\\n")

if multiprocessing.parent_process() is None:
    atexit.register(record)  # after the conversion
else:
    record()  # as a worker imports it, after its start
"""


@pytest.mark.skipif(not on_glibc(), reason="the setting is glibc's")
@pytest.mark.parametrize(("chosen", "expected"), [(None, "1"), (str(32 << 20), "0")])
def test_the_command_and_its_workers_take_memory_as_owners_unless_the_user_chose(
    tmp_path: Path, chosen: str | None, expected: str
) -> None:
    # more than one batch of 50,000 records, so the command starts workers
    actor = '{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'
    event = '{"type": "event", "id": "e%d", "title": "E", "participants": [{"actor": "a"}]}\n'
    lines = [actor, *(event % i for i in range(50_010))]
    (tmp_path / "events.jsonl").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "probe.py").write_text(MAPPED_ALONE, encoding="utf-8")
    environment = {} if chosen is None else {"MALLOC_MMAP_THRESHOLD_": chosen}
    arguments = ["convert", "--types", "probe.py", "--jobs", "2", "events.jsonl", "out.parquet"]
    done = _command(tmp_path, *arguments, **environment)
    assert (0, "") == (done.returncode, done.stderr)
    seen = sorted((tmp_path / "seen.txt").read_text().split())
    # the command's process made no DataFrame: pyarrow had no cause to import pandas
    mine = ["pandas:False", "pool:system"]
    assert [*mine, f"worker:{expected}", f"worker:{expected}"] == seen


@pytest.mark.skipif(not on_glibc(), reason="the setting is glibc's")
def test_a_script_keeps_its_memory_settings_and_its_workers_map_big_buffers_alone(
    tmp_path: Path,
) -> None:
    (tmp_path / "probe.py").write_text(MAPPED_ALONE, encoding="utf-8")
    # imported by the worker's setup, after its start (not as the setup is sent)
    (tmp_path / "probe_setup.py").write_text("def start():\n    import probe\n", encoding="utf-8")
    done = _seed_on_workers(tmp_path, "probe_setup.start", "probe")
    assert (0, "96\n", "") == (done.returncode, done.stdout, done.stderr)
    seen = sorted((tmp_path / "seen.txt").read_text().split())
    default = "import pyarrow; print(pyarrow.default_memory_pool().backend_name)"
    pool = _python(tmp_path, "-c", default).stdout.strip()
    # the script's own process as it was
    assert ["pandas:True", f"pool:{pool}", "worker:1", "worker:1"] == seen


def test_a_worker_makes_tables_without_importing_pandas_yet_leaves_it_importable(
    tmp_path: Path,
) -> None:
    # pyarrow imports pandas at its first array of Python values: 47 MB a worker
    ek.examples.scholz_putin().save(tmp_path / "seed.jsonl")
    code = (
        "import pathlib, sys\n"
        "from eventkit._limits import current\n"
        "from eventkit.columnar._convert import _start_worker, _tables\n"
        "_start_worker(None)\n"
        "tables, ids = _tables(pathlib.Path('seed.jsonl').read_bytes(), False, 'year', current())\n"
        "print(len(ids), 'pandas' in sys.modules)\n"
        "import pandas, pyarrow\n"
        "frame = pandas.DataFrame({'a': [1, 2]})\n"
        "print(pyarrow.Table.from_pandas(frame).to_pandas().equals(frame))\n"
    )
    done = _python(tmp_path, "-c", code)
    assert (0, "", "96 False") == (done.returncode, done.stderr, done.stdout.split("\n")[0])
    assert "True" == done.stdout.split("\n")[1]


def test_a_named_pipe_converts_on_one_process_reading_it_once(tmp_path: Path) -> None:
    # workers read a file again when they give it back to one process (here: one
    # batch only), and the second read of a pipe waited for a writer for ever
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    pipe = tmp_path / "seed.jsonl"
    os.mkfifo(pipe)
    seed = ek.examples.scholz_putin()

    def write() -> None:
        with open(pipe, "w", encoding="utf-8") as writer:
            writer.write(ek.to_jsonl(list(seed)))

    threading.Thread(target=write, daemon=True).start()
    code = (
        "from eventkit.columnar import jsonl_to_parquet\n"
        "print(jsonl_to_parquet('seed.jsonl', 'out.parquet', jobs=2))"
    )
    done = _python(tmp_path, "-c", code)
    assert (0, "96\n", "") == (done.returncode, done.stdout, done.stderr)
    assert seed == ek.Dataset.load(tmp_path / "out.parquet")


@pytest.mark.slow
def test_workers_given_back_to_one_process_again_and_again_never_hang(tmp_path: Path) -> None:
    # A type registered in the script alone sends every conversion back to one process
    # once the first batch returns. The workers were killed then, and one killed while
    # writing its batch's tables left the pool reading half a message: a hang, about one
    # conversion in ten here (the default suite's run of docs/scaling.md hung CI for 90 min).
    ek.examples.scholz_putin().save(tmp_path / "seed.jsonl")
    code = (
        "import attrs, eventkit as ek\n"
        "from eventkit.columnar import jsonl_to_parquet\n"
        "if __name__ == '__main__':\n"
        "    @ek.event_type('script.only')\n"
        "    @attrs.frozen(kw_only=True)\n"
        "    class Only(ek.Event):\n"
        "        level: int = 0\n"
        "    counts = {jsonl_to_parquet('seed.jsonl', f'{i}.parquet', batch_size=10, jobs=2)\n"
        "              for i in range(30)}\n"
        "    print(counts)\n"
    )
    (tmp_path / "convert_often.py").write_text(code, encoding="utf-8")
    done = _python(tmp_path, "convert_often.py")
    assert (0, "{96}\n", "") == (done.returncode, done.stdout, done.stderr)


def test_ids_met_before_are_told_in_a_batch_and_across_batches() -> None:
    from eventkit.columnar._convert import _Seen

    seen = _Seen()
    assert seen.add_new(["a", "b", "c"])
    assert seen.add_new([])
    assert not seen.add_new(["d", "e", "d"])  # twice in its batch
    assert not seen.add_new(["e", "b"])  # met in an earlier batch
    assert seen.add_new(["e", "d"])  # the refused batches added nothing
    assert not seen.add_new(["e"])
    assert seen.add_new([f"id-{n}" for n in range(10_000)])
    assert not seen.add_new(["id-9999", "f"])


@given(st.lists(st.lists(st.text(max_size=3), max_size=8), max_size=8))
def test_ids_met_before_are_told_as_a_set_of_the_ids_tells(batches: list[list[str]]) -> None:
    from eventkit.columnar._convert import _Seen

    seen, written = _Seen(), set[str]()
    for ids in batches:
        new = len(set(ids)) == len(ids) and written.isdisjoint(ids)
        assert new == seen.add_new(ids)
        if new:
            written.update(ids)


@given(
    lines=st.lists(
        st.one_of(
            # text UTF-8 can hold (a lone surrogate has none: found by a 1,000-example run),
            # and bytes that are no UTF-8 at all: batches are cut in bytes
            st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=8).map(
                str.encode
            ),
            st.binary(max_size=8).map(lambda line: line.translate(None, b"\r\n")),
            st.sampled_from([b" ", b"\t", b""]),  # blank lines
        ),
        max_size=12,
    ),
    ends=st.sampled_from([b"\n", b"\r\n"]),
    marked=st.booleans(),
    size=st.integers(1, 4),
)
def test_a_worker_reads_its_batch_where_it_is_as_the_lines_sent_would_be(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[bytes],
    ends: bytes,
    marked: bool,
    size: int,
) -> None:
    from eventkit.columnar._convert import _MARKS, _batches, _OneProcess, _Span

    data = (codecs.BOM_UTF8 if marked else b"") + b"".join(line + ends for line in lines)
    path = tmp_path_factory.mktemp("batches") / "lines.jsonl"
    path.write_bytes(data)

    def batches_of(where: Path | None) -> list[bytes | _Span] | None:
        with path.open("rb") as stream:
            try:
                return list(_batches(stream, size, 1_000, where))
            except _OneProcess:  # a batch after the first begins with a byte order mark
                return None

    batches, spans = batches_of(None), batches_of(path)
    assert (batches is None) == (spans is None)
    if batches is None or spans is None:  # left to the one-process reader, which says why
        assert any(line.startswith(_MARKS) for line in lines[1:])
        return
    sent = [batch for batch in batches if isinstance(batch, bytes)]
    assert len(batches) == len(sent)
    assert all(isinstance(span, _Span) for span in spans)
    assert [span.read() for span in spans if isinstance(span, _Span)] == sent
    assert data == b"".join(sent)
    # each batch but the last holds ``size`` lines that are not blank
    counts = [sum(not line.isspace() for line in batch.splitlines(keepends=True)) for batch in sent]
    assert all(count == size for count in counts[:-1])


def test_a_worker_whose_batch_is_no_longer_in_the_file_gives_it_back(tmp_path: Path) -> None:
    from eventkit._limits import current
    from eventkit.columnar._convert import _Span, _tables

    path = tmp_path / "seed.jsonl"
    ek.examples.scholz_putin().save(path)
    whole = _Span(path, 0, path.stat().st_size)
    assert 96 == len(_tables(whole, False, "year", current())[1])  # type: ignore[index]
    path.write_bytes(path.read_bytes()[:100])  # cut short since
    assert _tables(whole, False, "year", current()) is None
    path.unlink()  # gone since
    assert _tables(whole, False, "year", current()) is None


def test_workers_find_the_file_wherever_their_setup_goes(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.py").write_text(
        "import os, tempfile\ndef start():\n    os.chdir(tempfile.gettempdir())\n",
        encoding="utf-8",
    )
    done = _seed_on_workers(tmp_path, "elsewhere.start")
    assert (0, "96\n", "") == (done.returncode, done.stdout, done.stderr)
    assert ek.examples.scholz_putin() == ek.Dataset.load(tmp_path / "out.parquet")
