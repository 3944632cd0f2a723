package io.channelbook.ui.standalone;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** db-scheduler's {@code scheduled_tasks} table, in the H2 or PostgreSQL flavour of its documented schema. */
final class DeadlineTable {

    private static final String H2 = """
            create table if not exists scheduled_tasks (
              task_name varchar(100) not null,
              task_instance varchar(100) not null,
              task_data varbinary,
              execution_time timestamp with time zone not null,
              picked boolean not null,
              picked_by varchar(50),
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures int,
              last_heartbeat timestamp with time zone,
              version bigint not null,
              priority smallint,
              primary key (task_name, task_instance))""";

    private static final String POSTGRES = """
            create table if not exists scheduled_tasks (
              task_name text not null,
              task_instance text not null,
              task_data bytea,
              execution_time timestamp with time zone not null,
              picked boolean not null,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures int,
              last_heartbeat timestamp with time zone,
              version bigint not null,
              priority smallint,
              primary key (task_name, task_instance))""";

    /** db-scheduler polls by execution time and looks for dead executions by heartbeat (its documented indexes). */
    private static final String[] INDEXES = {
            "create index if not exists execution_time_idx on scheduled_tasks (execution_time)",
            "create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat)"};

    private DeadlineTable() {
    }

    static DeadlineTable create(DataSource dataSource, boolean postgres) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(postgres ? POSTGRES : H2);
        for (String index : INDEXES) {
            jdbc.execute(index);
        }
        return new DeadlineTable();
    }
}
