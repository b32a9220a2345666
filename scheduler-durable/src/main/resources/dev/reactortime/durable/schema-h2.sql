-- db-scheduler's table for H2 and HSQLDB (db-scheduler 16.x), as reactortime.durable.initialize-schema creates it.
create table if not exists scheduled_tasks (
  task_name varchar(100) not null,
  task_instance varchar(100) not null,
  task_data blob,
  execution_time timestamp(6) with time zone not null,
  picked boolean not null,
  picked_by varchar(50),
  last_success timestamp(6) with time zone,
  last_failure timestamp(6) with time zone,
  consecutive_failures int,
  last_heartbeat timestamp(6) with time zone,
  version bigint not null,
  priority smallint,
  primary key (task_name, task_instance)
);
create index if not exists scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index if not exists scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index if not exists scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
