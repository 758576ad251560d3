from . import report
from . import download_docs
