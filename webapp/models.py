"""Every feature's models, imported in one place so that the schema (migrations,
create_all in tests) always knows all tables."""

from .accounts import models as accounts  # noqa: F401
from .attendance import models as attendance  # noqa: F401
from .auth import models as auth  # noqa: F401
from .catalogue import models as catalogue  # noqa: F401
from .documents import models as documents  # noqa: F401
from .enrolment import models as enrolment  # noqa: F401
from .feedback import models as feedback  # noqa: F401
from .messages import models as messages  # noqa: F401
from .notifications import models as notifications  # noqa: F401
from .outbox import models as outbox  # noqa: F401
from .placements import models as placements  # noqa: F401
from .plans import models as plans  # noqa: F401
from .privacy import models as privacy  # noqa: F401
from .pwa import models as pwa  # noqa: F401
from .ratings import models as ratings  # noqa: F401
from .results import models as results  # noqa: F401
from .team import models as team  # noqa: F401
