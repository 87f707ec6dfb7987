"""`sightline replay`: a chronology file replayed through the rules, in memory (docs/replay.md).

A file in the import format (one agency's extract or a case-review chronology from many) is
checked as an import checks it, its records are linked into persons and its households worked
out, all in memory, and each child's chronology is replayed day by day through a rule set: every
signal comes out with the day it would have fired, its evidence and whom it would have reached.
Nothing is read from Sightline's records or written to its database.
"""

from sightline.risk.replay.replaying import replay_file as replay_file
from sightline.risk.replay.results import ReplayedSignal as ReplayedSignal
from sightline.risk.replay.results import ReplayResult as ReplayResult
from sightline.risk.replay.results import result_write as result_write
