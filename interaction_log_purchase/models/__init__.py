from . import purchase_order
from . import mail_compose_message
