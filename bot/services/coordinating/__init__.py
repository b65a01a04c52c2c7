"""What coordinators run: chat commands, case actions, the dashboard's sign-in and views, figures
and exports.
"""
