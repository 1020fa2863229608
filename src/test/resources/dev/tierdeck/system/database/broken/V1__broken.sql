create table half_written (id int;
