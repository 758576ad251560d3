def post_init_hook(env):
    """Meetings that ended before the module was installed are history the log did not
    witness: they are marked logged, so the first run of the scheduled action does not log
    years of past meetings with today's settings."""
    env.cr.execute(
        "UPDATE calendar_event SET interaction_logged = TRUE WHERE stop <= now() AT TIME ZONE 'UTC'"
    )
