from . import report
from . import download_docs
from . import interaction_export
