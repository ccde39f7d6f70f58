#include "client/core/session_machine.hpp"

namespace jos::client {

refusal refusal_of(protocol::error_code code) {
  switch (code) {
    case protocol::error_code::unauthorised: return refusal::unauthorised;
    case protocol::error_code::version: return refusal::version;
    case protocol::error_code::restarting: return refusal::restarting;
    case protocol::error_code::moved: return refusal::moved;
    default: return refusal::other;
  }
}

session_phase session_machine::phase() const {
  switch (state_) {
    case session_state::start: return session_phase::start;
    case session_state::registering: return session_phase::registering;
    case session_state::connecting:
    case session_state::greeting:
    case session_state::catching_up: return session_phase::waiting;
    case session_state::live: return session_phase::live;
    case session_state::incompatible: return session_phase::incompatible;
  }
  return session_phase::start;
}

bool session_machine::greeted() const {
  return link_ != 0 && (state_ == session_state::greeting || state_ == session_state::catching_up ||
                        state_ == session_state::live);
}

std::pair<std::uint64_t, std::uint64_t> session_machine::hello_position(bool has_state,
                                                                        std::uint64_t seq) const {
  const std::uint64_t last = has_state && !want_snapshot_ ? seq : 0;
  return {last, last != 0 ? state_epoch_ : 0};
}

session_actions session_machine::choose_server(bool switching, bool known) {
  session_actions out;
  followed_ = false;
  if (switching) {
    out.push_back({session_step::disconnect});
    out.push_back({session_step::close_trajectory});
    link_ = 0;  // what the old connection still reports is not ours any more
  }
  if (state_ == session_state::registering && registration_) {
    // Not answered where it went (a wrong address): ask the chosen server instead.
    out.push_back({session_step::connect});
    return out;
  }
  registration_.reset();
  state_ = session_state::start;
  if (known) {
    state_ = session_state::connecting;
    out.push_back({session_step::open_trajectory});
    out.push_back({session_step::connect});
  }
  return out;
}

session_actions session_machine::request_registration(protocol::client_message request) {
  registration_ = std::move(request);
  state_ = session_state::registering;
  if (link_ != 0) return {{session_step::send_registration}};
  return {{session_step::connect}};
}

session_actions session_machine::forget() {
  followed_ = false;
  registration_.reset();
  state_ = session_state::start;
  return {{session_step::disconnect},
          {session_step::close_trajectory},
          {session_step::forget_identity}};
}

session_actions session_machine::link_up(std::uint64_t link, bool known) {
  link_ = link;
  if (!followed_) chained_moves_ = 0;  // a fresh start at the chosen server
  if (state_ == session_state::incompatible) return {};
  if (state_ == session_state::registering && registration_)
    return {{session_step::send_registration}};
  if (!known) return {};
  state_ = session_state::greeting;
  return {{session_step::send_hello}};
}

session_actions session_machine::link_down(std::uint64_t link, const std::string& reason) {
  // A link to the instance we followed ended, or never opened: that instance may be gone,
  // and the chosen server may have taken the trajectory over.
  const bool followed_link = followed_ && link > followed_from_;
  if (followed_link) followed_ = false;
  if (link != link_ || link_ == 0) {
    if (followed_link) return {{session_step::return_home}};
    return {};
  }
  link_ = 0;
  session_actions out{{session_step::link_lost}};
  if (followed_link) out.push_back({session_step::return_home});
  if (state_ == session_state::registering) {
    registration_.reset();
    state_ = session_state::start;
    out.push_back({session_step::notice_error,
                   "De verbinding viel weg (" + reason + "). Probeer het opnieuw."});
  } else if (state_ == session_state::greeting || state_ == session_state::catching_up ||
             state_ == session_state::live) {
    state_ = session_state::connecting;
  }
  return out;
}

session_actions session_machine::unreadable(bool version_mismatch, const std::string& reason) {
  session_actions out{{session_step::notice_error, reason}};
  if (version_mismatch) {
    state_ = session_state::incompatible;
    out.push_back({session_step::disconnect});
  }
  return out;
}

session_actions session_machine::registered() {
  if (state_ != session_state::registering) return {};
  registration_.reset();
  state_ = session_state::greeting;
  return {{session_step::close_trajectory},
          {session_step::adopt_identity},
          {session_step::open_trajectory},
          {session_step::send_hello}};
}

session_actions session_machine::welcomed(const protocol::welcome& w, bool has_state,
                                          std::uint64_t seq) {
  if (!greeted()) return {};
  welcome_seq_ = w.seq;
  welcome_epoch_ = w.epoch;
  welcome_taken_client_seq_ = w.last_client_seq;
  chained_moves_ = 0;  // the moves ended where the trajectory is
  state_ = session_state::catching_up;
  return maybe_live(has_state, seq);
}

session_actions session_machine::state_replaced(bool has_state, std::uint64_t seq) {
  want_snapshot_ = false;
  return maybe_live(has_state, seq);
}

session_actions session_machine::state_advanced(bool has_state, std::uint64_t seq) {
  return maybe_live(has_state, seq);
}

session_actions session_machine::maybe_live(bool has_state, std::uint64_t seq) {
  if (state_ != session_state::catching_up || link_ == 0) return {};
  // A copy that went wrong is repaired only by the snapshot we asked for, even if its
  // sequence already reaches the welcome's.
  if (!has_state || seq < welcome_seq_ || want_snapshot_) return {};
  state_ = session_state::live;
  state_epoch_ = welcome_epoch_;
  return {};
}

session_actions session_machine::copy_diverged() {
  want_snapshot_ = true;
  if (link_ == 0) return {};
  // Nothing more from this link counts; the next one asks for the whole state.
  link_ = 0;
  state_ = session_state::connecting;
  return {{session_step::link_lost}, {session_step::reconnect}};
}

session_actions session_machine::moved(const std::string& location, const server_url& here) {
  auto target = moved_target(location, here);
  // Instances that send us round in circles (the same --advertise twice, a stale owner
  // record) would be knocked on without pause: that ends here, and the chosen server is
  // asked again after the usual wait, by when ownership may have settled.
  if (target.url && *target.url == here) {
    target.error = "De server stuurde je door naar zichzelf (" + here.text() +
                   "). Daar is geen verbinding mee gemaakt. Meld dit aan de beheerder van de "
                   "server.";
    target.url.reset();
  } else if (target.url && chained_moves_ >= max_chained_moves) {
    target.error = "De servers blijven je naar elkaar doorsturen (nu naar " + target.url->text() +
                   "). Daar is geen verbinding meer mee gemaakt. Meld dit aan de beheerder van "
                   "de server.";
    target.url.reset();
  }
  if (target.url) {
    // Another instance has the trajectory: ask it the same, on a link of its own. The person
    // notices nothing; ops waiting in the outbox go there once it welcomes us.
    ++chained_moves_;
    followed_ = true;
    followed_from_ = link_;
    link_ = 0;
    if (state_ == session_state::greeting) state_ = session_state::connecting;
    return {{session_step::link_lost}, {session_step::follow, target.url->text()}};
  }
  // Not there: nothing of ours goes to that address.
  if (state_ == session_state::registering) {
    registration_.reset();
    state_ = session_state::start;
    return {{session_step::notice_error, target.error}};
  }
  // We know who we are; the chosen server may take the trajectory over (or its operator
  // mends the address), so it is asked again after the usual wait, as after a failed link.
  session_actions out{{session_step::link_lost}};
  if (followed_ && link_ > followed_from_) {
    followed_ = false;
    out.push_back({session_step::return_home});
  }
  link_ = 0;
  state_ = session_state::connecting;
  out.push_back({session_step::notice_error, target.error});
  out.push_back({session_step::back_off, "Doorverwijzing van de server geweigerd."});
  return out;
}

session_actions session_machine::server_error(const protocol::error& e, const server_url& here) {
  if (refusal_of(e.code) == refusal::moved && link_ != 0 &&
      (state_ == session_state::registering || state_ == session_state::greeting))
    return moved(e.location, here);
  if (state_ == session_state::registering) {
    registration_.reset();
    state_ = session_state::start;
    return {{session_step::notice_error, e.reason}};
  }
  switch (refusal_of(e.code)) {
    case refusal::unauthorised:
      if (!greeted()) break;
      // The server no longer knows our token: back to the start screen.
      state_ = session_state::start;
      return {{session_step::notice_error, e.reason},
              {session_step::disconnect},
              {session_step::close_trajectory},
              {session_step::forget_identity}};
    case refusal::version:
      state_ = session_state::incompatible;
      return {{session_step::notice_error, e.reason}, {session_step::disconnect}};
    case refusal::restarting: return {{session_step::notice_info, e.reason}};
    case refusal::moved:
    case refusal::other: break;
  }
  return {{session_step::notice_error, e.reason}};
}

}  // namespace jos::client
