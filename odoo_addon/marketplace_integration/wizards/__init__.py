from . import marketplace_otp_wizard
