"""The lesson data: `model` (the frozen `Lesson`), `reader` (typed TOML reading with file/key
errors), `applications` (the [search] and [conditioning] sections), `checks` (what no scene could
show truthfully, refused at load) and `load` (parse, build, check). Imports run one way:
model <- reader <- applications <- load, model <- checks <- load.
"""

from la_core.lesson.load import load_lesson, parse_lesson
from la_core.lesson.model import DEFAULT_LESSON_NAME, Lesson

__all__ = ["DEFAULT_LESSON_NAME", "Lesson", "load_lesson", "parse_lesson"]
